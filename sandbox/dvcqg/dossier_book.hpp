#pragma once

#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lienthong::sandbox::dvcqg {

/// Stage of a status code, for the order rule. Progress is "backwards" when its TrangThai is
/// of a lower stage than the dossier's current status, or when its ThoiDiemXuLy is earlier
/// than the last accepted progress entry of that dossier. Stages:
/// 1 {1 newly registered} < 2 {2 received, 3 not received} < 3 {4 processing, 5 supplement
/// requested, 6 financial obligation pending} < 4 {7 withdrawn, 8 stopped, 9 processed} <
/// 5 {10 result returned}. Within a stage any move is allowed (4 → 5 → 4 after a supplement).
int status_stage(int status);

/// The outcome of a change to the book: nullopt when applied, else the portal's refusal.
struct Refusal {
  int error_code;
  std::string message;
};

/// The portal's dossiers, in memory, thread-safe. Each batch is all-or-nothing.
class DossierBook {
 public:
  /// Creates (`updating` false) or replaces (`updating` true) every dossier of `data`, already
  /// checked. Create refuses when one exists ("đã tồn tại"), update when one is unknown.
  std::optional<Refusal> sync(const nlohmann::json& data, bool updating);

  /// Applies progress entries in order; refuses unknown dossiers and backwards moves.
  std::optional<Refusal> progress(const nlohmann::json& entries);

  /// `{MaHoSo, MaTTHC, TenTTHC, TrangThaiHoSo, NgayTiepNhan, NgayHenTra, NgayTra, TienDo:[…]}`
  /// of a dossier, or nullopt.
  [[nodiscard]] std::optional<nlohmann::json> lookup(std::string_view code) const;

 private:
  struct Dossier {
    nlohmann::json record;
    std::vector<nlohmann::json> progress;
  };

  mutable std::mutex mutex_;
  std::map<std::string, Dossier, std::less<>> dossiers_;
};

}  // namespace lienthong::sandbox::dvcqg
