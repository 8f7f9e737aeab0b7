#include "sandbox/paygov/reconciliation.hpp"

#include <algorithm>

#include "sandbox/paygov/init_message.hpp"
#include "sandbox/paygov/payment_state.hpp"
#include "sandbox/paygov/vn_time.hpp"

namespace lienthong::sandbox::paygov {
namespace {

using Json = nlohmann::json;
using Errors = std::vector<FieldError>;

std::optional<std::int64_t> read_amount(const Json& v, const std::string& at, Errors& errors) {
  if ((v.is_number_integer() || v.is_number_unsigned()) && !v.is_number_float() &&
      v.get<std::int64_t>() >= 0) {
    return v.get<std::int64_t>();
  }
  errors.push_back({at, "must be an integer amount in VND, 0 or more"});
  return std::nullopt;
}

std::optional<std::string> read_state(const Json& v, const std::string& at, Errors& errors) {
  if (v.is_string() && is_state_code(v.get<std::string>())) return v.get<std::string>();
  errors.push_back({at, "must be a TrangThaiGD code: 00, 01, 02, 03 or 04"});
  return std::nullopt;
}

std::optional<std::string> read_time(const Json& v, const std::string& at, Errors& errors) {
  if (v.is_string() && parse_timestamp(v.get<std::string>())) return v.get<std::string>();
  errors.push_back({at, "must be a real yyyyMMddHHmmss time"});
  return std::nullopt;
}

std::optional<std::string> read_text(const Json& v, const std::string& at, Errors& errors) {
  if (v.is_string()) return v.get<std::string>();
  errors.push_back({at, "must be a string"});
  return std::nullopt;
}

void read_entry(const Json& item, const std::string& at, ReconciliationPlant& out, Errors& errors) {
  if (!item.is_object()) {
    errors.push_back({at,
                      "must be an object {MaThamChieu, MaGiaoDich, SoTien, ThoiGianGD, "
                      "TrangThaiGD}"});
    return;
  }
  DayEntry entry;
  for (const char* key : {"MaThamChieu", "MaGiaoDich", "SoTien", "ThoiGianGD", "TrangThaiGD"}) {
    if (!item.contains(key)) errors.push_back({at + "/" + key, "is required"});
  }
  for (const auto& [key, v] : item.items()) {
    const auto where = at + "/" + key;
    if (key == "MaThamChieu") {
      auto ref = read_text(v, where, errors);
      if (ref && !valid_reference(*ref)) errors.push_back({where, "must be 1-50 of [A-Za-z0-9_-]"});
      entry.reference = ref.value_or("");
    } else if (key == "MaGiaoDich") {
      entry.transaction_id = read_text(v, where, errors).value_or("");
    } else if (key == "SoTien") {
      entry.amount = read_amount(v, where, errors).value_or(0);
    } else if (key == "ThoiGianGD") {
      entry.time = read_time(v, where, errors).value_or("");
    } else if (key == "TrangThaiGD") {
      entry.state = read_state(v, where, errors).value_or("");
    } else {
      errors.push_back({where, "unknown key"});
    }
  }
  out.add.push_back(std::move(entry));
}

void read_override(const std::string& ref, const Json& fields, const std::string& at,
                   ReconciliationPlant& out, Errors& errors) {
  if (!valid_reference(ref)) errors.push_back({at, "key must be a MaThamChieu"});
  if (!fields.is_object()) {
    errors.push_back({at, "must be an object of SoTien, TrangThaiGD, MaGiaoDich, ThoiGianGD"});
    return;
  }
  EntryOverride o;
  for (const auto& [key, v] : fields.items()) {
    const auto where = at + "/" + key;
    if (key == "SoTien") {
      o.amount = read_amount(v, where, errors);
    } else if (key == "TrangThaiGD") {
      o.state = read_state(v, where, errors);
    } else if (key == "MaGiaoDich") {
      o.transaction_id = read_text(v, where, errors);
    } else if (key == "ThoiGianGD") {
      o.time = read_time(v, where, errors);
    } else {
      errors.push_back({where, "unknown key"});
    }
  }
  out.overrides[ref] = std::move(o);
}

}  // namespace

Result<ReconciliationPlant, std::vector<FieldError>> parse_plant(std::string_view body) {
  const auto json = Json::parse(body.empty() ? std::string_view("{}") : body, nullptr, false);
  if (!json.is_object()) return Errors{{"", "body must be a JSON object"}};
  ReconciliationPlant out;
  Errors errors;
  for (const auto& [key, value] : json.items()) {
    if (key == "add") {
      if (!value.is_array()) {
        errors.push_back({"/add", "must be a list of entries"});
        continue;
      }
      for (std::size_t i = 0; i < value.size(); ++i) {
        read_entry(value[i], "/add/" + std::to_string(i), out, errors);
      }
    } else if (key == "drop") {
      if (!value.is_array()) {
        errors.push_back({"/drop", "must be a list of MaThamChieu"});
        continue;
      }
      for (std::size_t i = 0; i < value.size(); ++i) {
        const auto at = "/drop/" + std::to_string(i);
        auto ref = read_text(value[i], at, errors);
        if (ref) out.drop.push_back(*ref);
      }
    } else if (key == "override") {
      if (!value.is_object()) {
        errors.push_back({"/override", "must be an object keyed by MaThamChieu"});
        continue;
      }
      for (const auto& [ref, fields] : value.items()) {
        read_override(ref, fields, "/override/" + ref, out, errors);
      }
    } else {
      errors.push_back({"/" + key, "unknown key (add, drop, override)"});
    }
  }
  if (!errors.empty()) return errors;
  return out;
}

std::vector<DayEntry> apply_plant(std::vector<DayEntry> list, const ReconciliationPlant& plant) {
  std::erase_if(list, [&](const DayEntry& e) {
    return std::find(plant.drop.begin(), plant.drop.end(), e.reference) != plant.drop.end();
  });
  for (auto& entry : list) {
    const auto it = plant.overrides.find(entry.reference);
    if (it == plant.overrides.end()) continue;
    const auto& o = it->second;
    if (o.amount) entry.amount = *o.amount;
    if (o.state) entry.state = *o.state;
    if (o.transaction_id) entry.transaction_id = *o.transaction_id;
    if (o.time) entry.time = *o.time;
  }
  list.insert(list.end(), plant.add.begin(), plant.add.end());
  return list;
}

nlohmann::json to_json(const DayEntry& entry) {
  return {{"MaThamChieu", entry.reference},
          {"MaGiaoDich", entry.transaction_id},
          {"SoTien", entry.amount},
          {"ThoiGianGD", entry.time},
          {"TrangThaiGD", entry.state}};
}

nlohmann::json to_json(const ReconciliationPlant& plant) {
  auto add = Json::array();
  for (const auto& e : plant.add) add.push_back(to_json(e));
  auto overrides = Json::object();
  for (const auto& [ref, o] : plant.overrides) {
    auto& fields = overrides[ref] = Json::object();
    if (o.amount) fields["SoTien"] = *o.amount;
    if (o.state) fields["TrangThaiGD"] = *o.state;
    if (o.transaction_id) fields["MaGiaoDich"] = *o.transaction_id;
    if (o.time) fields["ThoiGianGD"] = *o.time;
  }
  return {{"add", std::move(add)}, {"drop", plant.drop}, {"override", std::move(overrides)}};
}

}  // namespace lienthong::sandbox::paygov
