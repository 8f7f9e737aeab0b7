#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "async_load.hpp"

namespace lienthong::crash {

/// One dvcqg write (DongBoHoSoMC, CapNhatTienDoHoSoMC) as the mock's request log shows it.
struct LoggedDelivery {
  std::string id;   ///< X-Message-ID
  std::string key;  ///< the dossier code (data[0].MaHoSo)
};

/// The writes in `GET /_sandbox/requests`, in arrival order; logins and reads left out.
std::vector<LoggedDelivery> deliveries_in(const nlohmann::json& requests);

struct DeliveryReport {
  std::size_t accepted = 0;
  std::size_t delivered = 0;          ///< accepted ids that reached the mock
  std::size_t repeats = 0;            ///< arrivals of an accepted id after its first
  std::size_t unknown = 0;            ///< arrivals of ids no 202 named
  std::vector<std::string> problems;  ///< lost or out of order, naming key and ids (capped)
};

/// For runs without faults, where every request that reaches the mock is applied: every
/// accepted id arrived, and per key the arrivals of accepted ids, with a repeat of the id just
/// before merged into it, are exactly the accepted ids in acceptance order. So a repeat only
/// ever comes straight after its own delivery, before the next message of its key. Ids no 202
/// named (a step abandoned at the end) are counted and otherwise left out.
DeliveryReport check_exact_order(const std::vector<AcceptedMessage>& accepted,
                                 const std::vector<LoggedDelivery>& log);

/// For runs with faults, where the log also holds attempts that failed: per key, the first
/// arrivals of the `delivered` ids are in acceptance order. (A message's first request reaches
/// the mock before its delivery is recorded, and the store lets the next message of the key
/// start only after that; a dead one in between releases the key, so it is left out.) Also a
/// problem: a delivered id that never arrived.
std::vector<std::string> check_first_arrival_order(const std::vector<AcceptedMessage>& accepted,
                                                   const std::set<std::string>& delivered,
                                                   const std::vector<LoggedDelivery>& log);

}  // namespace lienthong::crash
