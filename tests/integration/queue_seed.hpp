#pragma once

#include <filesystem>
#include <string>

namespace lienthong::testing {

/// The personal data in the seeded bodies and result, which lists must not show.
inline constexpr const char* kSeedBody = R"({"dossierCode":"K1","fullName":"Nguyễn Văn Tèo"})";
inline constexpr const char* kSeedResult = R"({"ok":true,"citizen":"Trần Thị Mận"})";
inline constexpr const char* kSeedDeadReason = "the portal refused: bad code";

/// The ids of a seeded queue. All were accepted two days ago: `dead` (dvcqg/sync-dossier, key
/// K1, died after one attempt), `behind` (dvcqg/update-progress, key K1, queued behind it),
/// `delivered` (dkdn/lookup-enterprise, no key, delivered `kSeedResult`).
struct SeededQueue {
  std::string dead;
  std::string behind;
  std::string delivered;
};

/// Seeds the SQLite store at `db` through the store API (accept, claim, record_attempt).
SeededQueue seed_queue(const std::filesystem::path& db);

}  // namespace lienthong::testing
