#include "sandbox/dvcqg/dossier_book.hpp"

#include <set>

#include "sandbox/dvcqg/wire.hpp"

namespace lienthong::sandbox::dvcqg {
namespace {

using Json = nlohmann::json;

std::string code_of(const Json& item) {
  return item.at("MaHoSo").get<std::string>();
}

}  // namespace

int status_stage(int status) {
  if (status <= 1) return 1;
  if (status <= 3) return 2;
  if (status <= 6) return 3;
  if (status <= 9) return 4;
  return 5;
}

std::optional<Refusal> DossierBook::sync(const Json& data, bool updating) {
  std::lock_guard lock(mutex_);
  std::set<std::string, std::less<>> seen;
  for (const auto& item : data) {
    const auto code = code_of(item);
    if (!seen.insert(code).second) {
      return Refusal{kInvalidData, "Hồ sơ " + code + " xuất hiện nhiều lần trong cùng lô"};
    }
    const bool exists = dossiers_.contains(code);
    if (!updating && exists) {
      return Refusal{kAlreadyExists,
                     "Hồ sơ " + code + " đã tồn tại trên hệ thống, hãy đồng bộ với isUpdating"};
    }
    if (updating && !exists) {
      return Refusal{kNotFound, "Không tìm thấy hồ sơ " + code + " để cập nhật"};
    }
  }
  for (const auto& item : data) dossiers_[code_of(item)].record = item;
  return std::nullopt;
}

std::optional<Refusal> DossierBook::progress(const Json& entries) {
  std::lock_guard lock(mutex_);
  // Checked against the state as the earlier entries of the batch leave it.
  std::map<std::string, std::pair<int, std::string>, std::less<>> after;  // status, last time
  for (const auto& entry : entries) {
    const auto code = code_of(entry);
    const auto found = dossiers_.find(code);
    if (found == dossiers_.end()) {
      return Refusal{kNotFound, "Không tìm thấy hồ sơ " + code};
    }
    auto [state, inserted] = after.try_emplace(code);
    if (inserted) {
      const auto& d = found->second;
      state->second.first = d.record.at("TrangThaiHoSo").get<int>();
      if (!d.progress.empty()) {
        state->second.second = d.progress.back().at("ThoiDiemXuLy").get<std::string>();
      }
    }
    const int status = entry.at("TrangThai").get<int>();
    const auto& at = entry.at("ThoiDiemXuLy").get_ref<const std::string&>();
    if (status_stage(status) < status_stage(state->second.first)) {
      return Refusal{kOutOfOrder, "Tiến độ hồ sơ " + code + " không hợp lệ: trạng thái " +
                                      std::to_string(status) + " lùi so với trạng thái hiện tại " +
                                      std::to_string(state->second.first)};
    }
    if (at < state->second.second) {
      return Refusal{kOutOfOrder, "Tiến độ hồ sơ " + code +
                                      " không hợp lệ: ThoiDiemXuLy trước bước xử lý đã nhận"};
    }
    state->second = {status, at};
  }
  for (const auto& entry : entries) {
    auto& d = dossiers_.at(code_of(entry));
    d.record["TrangThaiHoSo"] = entry.at("TrangThai");
    d.progress.push_back(entry);
  }
  return std::nullopt;
}

std::optional<Json> DossierBook::lookup(std::string_view code) const {
  std::lock_guard lock(mutex_);
  const auto found = dossiers_.find(code);
  if (found == dossiers_.end()) return std::nullopt;
  const auto& record = found->second.record;
  Json out = Json::object();
  for (const char* key :
       {"MaHoSo", "MaTTHC", "TenTTHC", "TrangThaiHoSo", "NgayTiepNhan", "NgayHenTra", "NgayTra"}) {
    if (auto it = record.find(key); it != record.end()) out[key] = *it;
  }
  Json steps = Json::array();
  for (const auto& p : found->second.progress) {
    steps.push_back({{"TrangThai", p.at("TrangThai")},
                     {"ThoiDiemXuLy", p.at("ThoiDiemXuLy")},
                     {"NoiDungXuLy", p.value("NoiDungXuLy", "")}});
  }
  out["TienDo"] = std::move(steps);
  return out;
}

}  // namespace lienthong::sandbox::dvcqg
