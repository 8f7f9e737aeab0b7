#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/problem.hpp"

namespace lienthong::connectors::paygov {

/// One transaction of the platform's day list (DOI_SOAT `DanhSachGiaoDich`, WIRE.md).
struct PlatformEntry {
  std::string reference;  ///< MaThamChieu
  std::string bank_transaction_id;
  std::int64_t amount = 0;
  std::string state;  ///< the hub's word for TrangThaiGD (paid, awaiting_payment, ...)
};

/// One payment of the hub's record created that day.
struct HubEntry {
  std::string reference;
  std::int64_t amount = 0;
  std::string state;
};

/// How one reference compares.
enum class Finding { kMatched, kMissingAtHub, kMissingAtPlatform, kAmountDiffers, kStateDiffers };
std::string_view to_string(Finding finding);

struct ReconciliationLine {
  Finding finding = Finding::kMatched;
  std::string reference;
  std::int64_t hub_amount = 0;
  std::int64_t platform_amount = 0;
  std::string hub_state;       ///< empty: missing at the hub
  std::string platform_state;  ///< empty: missing at the platform
};

/// The report of one day (yyyy-MM-dd, Asia/Ho_Chi_Minh). It only reports: a mismatch never
/// changes a payment (an operator decides, with `payments show` and the platform).
struct Reconciliation {
  std::string date;
  std::vector<ReconciliationLine> lines;  ///< by reference
  [[nodiscard]] std::size_t count(Finding finding) const;
  [[nodiscard]] bool clean() const;  ///< every line matched
};

/// The day list of a DOI_SOAT answer; kUpstreamError naming the entry that is not one.
Result<std::vector<PlatformEntry>> read_day_list(const nlohmann::json& answer);

/// Compares the platform's list with the hub's payments of the same day. An amount that
/// differs is reported before a state that differs (it is the graver of the two).
Reconciliation reconcile(std::string date, const std::vector<PlatformEntry>& platform,
                         const std::vector<HubEntry>& hub);

/// `{date, clean, counts: {matched, missing_at_hub, ...}, lines: [...]}` for machines.
nlohmann::json to_json(const Reconciliation& report);
/// The report for a person: counts, then one line per mismatch.
std::string to_text(const Reconciliation& report);

/// "2026-12-06" -> "20261206"; nullopt unless a real calendar date.
std::optional<std::string> platform_date(std::string_view iso_date);

}  // namespace lienthong::connectors::paygov
