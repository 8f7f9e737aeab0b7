#include "sandbox/dvcqg/services.hpp"

#include <initializer_list>
#include <vector>

#include "core/schema/vn_identifiers.hpp"
#include "sandbox/dvcqg/payload_check.hpp"
#include "sandbox/dvcqg/wire.hpp"

namespace lienthong::sandbox::dvcqg {
namespace {

using Json = nlohmann::json;

constexpr std::size_t kMaxBatch = 100;

Answer refuse(int code, std::string message) {
  return Answer{code, std::move(message), nullptr};
}

Answer invalid(const std::vector<std::string>& problems) {
  std::string message = "Dữ liệu không hợp lệ:";
  for (std::size_t i = 0; i < problems.size(); ++i) message += (i == 0 ? " " : "; ") + problems[i];
  return refuse(kInvalidData, std::move(message));
}

// Payload members that are not in `allowed`.
void unknown_keys(const Json& payload, std::initializer_list<std::string_view> allowed,
                  std::vector<std::string>& problems) {
  for (const auto& [key, value] : payload.items()) {
    bool known = false;
    for (auto a : allowed) known = known || a == key;
    if (!known) problems.push_back(key + ": trường không được hỗ trợ (unknown field)");
  }
}

// `data` as a non-empty list of at most kMaxBatch items, or a problem.
const Json* batch(const Json& payload, std::vector<std::string>& problems) {
  const auto it = payload.find("data");
  if (it == payload.end() || !it->is_array() || it->empty() || it->size() > kMaxBatch) {
    problems.push_back("data: phải là danh sách từ 1 đến " + std::to_string(kMaxBatch) + " mục");
    return nullptr;
  }
  return &*it;
}

std::optional<std::string> text_member(const Json& payload, std::string_view key) {
  const auto it = payload.find(key);
  if (it == payload.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

}  // namespace

Json Answer::to_json() const {
  return {{"error_code", error_code}, {"message", message}, {"result", result}};
}

bool changes_state(std::string_view service) {
  return service == kSyncDossiers || service == kUpdateProgress;
}

Answer Services::call(std::string_view service, const Json& payload) {
  if (service == kSyncDossiers) return sync_dossiers(payload);
  if (service == kUpdateProgress) return update_progress(payload);
  if (service == kLookupDossier) return lookup_dossier(payload);
  if (service == kListProcedures) return list_procedures(payload);
  if (service == kGetProcedure) return get_procedure(payload);
  return refuse(kUnknownService, "Dịch vụ " + std::string(service) + " không được hỗ trợ");
}

Answer Services::sync_dossiers(const Json& payload) {
  std::vector<std::string> problems;
  unknown_keys(payload, {"isUpdating", "data"}, problems);
  const auto updating = payload.find("isUpdating");
  if (updating == payload.end() || !updating->is_boolean()) {
    problems.emplace_back("isUpdating: bắt buộc, true hoặc false");
  }
  const Json* data = batch(payload, problems);
  const ProcedureKnown known = [this](std::string_view code) {
    return catalogue_.find(code) != nullptr;
  };
  for (std::size_t i = 0; data != nullptr && i < data->size(); ++i) {
    auto more = check_dossier((*data)[i], "data[" + std::to_string(i) + "]", known);
    problems.insert(problems.end(), more.begin(), more.end());
  }
  if (!problems.empty()) return invalid(problems);
  const bool update = updating->get<bool>();
  if (auto refused = book_.sync(*data, update))
    return refuse(refused->error_code, refused->message);
  Json codes = Json::array();
  for (const auto& item : *data) codes.push_back(item.at("MaHoSo"));
  const auto n = std::to_string(data->size());
  return Answer{
      kOk,
      (update ? "Cập nhật thành công " : "Đồng bộ thành công ") + n + " hồ sơ",
      {{"SoHoSo", data->size()}, {"DanhSachMaHoSo", std::move(codes)}, {"CapNhat", update}}};
}

Answer Services::update_progress(const Json& payload) {
  std::vector<std::string> problems;
  unknown_keys(payload, {"data"}, problems);
  const Json* data = batch(payload, problems);
  for (std::size_t i = 0; data != nullptr && i < data->size(); ++i) {
    auto more = check_progress((*data)[i], "data[" + std::to_string(i) + "]");
    problems.insert(problems.end(), more.begin(), more.end());
  }
  if (!problems.empty()) return invalid(problems);
  if (auto refused = book_.progress(*data)) return refuse(refused->error_code, refused->message);
  Json states = Json::array();
  for (const auto& entry : *data) {
    states.push_back({{"MaHoSo", entry.at("MaHoSo")}, {"TrangThaiHoSo", entry.at("TrangThai")}});
  }
  return Answer{kOk, "Cập nhật tiến độ thành công " + std::to_string(data->size()) + " bước",
                std::move(states)};
}

Answer Services::lookup_dossier(const Json& payload) const {
  std::vector<std::string> problems;
  unknown_keys(payload, {"MaHoSo"}, problems);
  const auto code = text_member(payload, "MaHoSo");
  if (!code) {
    problems.emplace_back("MaHoSo: bắt buộc (required)");
  } else if (auto why = schema::check_dossier_code(*code)) {
    problems.push_back("MaHoSo: mã hồ sơ không hợp lệ (" + *why + ")");
  }
  if (!problems.empty()) return invalid(problems);
  auto found = book_.lookup(*code);
  if (!found) return refuse(kNotFound, "Không tìm thấy hồ sơ " + *code);
  return Answer{kOk, "Thành công", std::move(*found)};
}

Answer Services::list_procedures(const Json& payload) const {
  std::vector<std::string> problems;
  unknown_keys(payload, {"MaLinhVuc"}, problems);
  const auto field = text_member(payload, "MaLinhVuc");
  if (payload.contains("MaLinhVuc") && !field) problems.emplace_back("MaLinhVuc: phải là chuỗi");
  if (!problems.empty()) return invalid(problems);
  Json list = Json::array();
  for (const auto& record : catalogue_.records()) {
    if (!field || field->empty() || record.at("MaLinhVuc") == *field) list.push_back(record);
  }
  return Answer{kOk, "Thành công", std::move(list)};
}

Answer Services::get_procedure(const Json& payload) const {
  std::vector<std::string> problems;
  unknown_keys(payload, {"MaTTHC"}, problems);
  const auto code = text_member(payload, "MaTTHC");
  if (!code) {
    problems.emplace_back("MaTTHC: bắt buộc (required)");
  } else if (auto why = schema::check_procedure_code(*code)) {
    problems.push_back("MaTTHC: mã TTHC không hợp lệ (" + *why + ")");
  }
  if (!problems.empty()) return invalid(problems);
  const auto* record = catalogue_.find(*code);
  if (record == nullptr) return refuse(kNotFound, "Không tìm thấy thủ tục " + *code);
  return Answer{kOk, "Thành công", *record};
}

}  // namespace lienthong::sandbox::dvcqg
