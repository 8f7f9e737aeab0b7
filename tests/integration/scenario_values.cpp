#include "scenario_values.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "child_process.hpp"

namespace lienthong::testing {
namespace {

using nlohmann::json;

json load_json(const std::string& relative) {
  return json::parse(read_text(std::filesystem::path(LT_SOURCE_DIR) / relative));
}

}  // namespace

const json& sandbox_citizens() {
  static const json citizens = load_json("sandbox/data/citizens.json");
  return citizens;
}

const json& sandbox_enterprises() {
  static const json enterprises = load_json("sandbox/data/enterprises.json");
  return enterprises;
}

std::string without_diacritics(const std::string& text) {
  static const std::vector<std::pair<std::string, std::string>> kGroups = {
      {"àáạảãâầấậẩẫăằắặẳẵ", "a"},
      {"ÀÁẠẢÃÂẦẤẬẨẪĂẰẮẶẲẴ", "A"},
      {"èéẹẻẽêềếệểễ", "e"},
      {"ÈÉẸẺẼÊỀẾỆỂỄ", "E"},
      {"ìíịỉĩ", "i"},
      {"ÌÍỊỈĨ", "I"},
      {"òóọỏõôồốộổỗơờớợởỡ", "o"},
      {"ÒÓỌỎÕÔỒỐỘỔỖƠỜỚỢỞỠ", "O"},
      {"ùúụủũưừứựửữ", "u"},
      {"ÙÚỤỦŨƯỪỨỰỬỮ", "U"},
      {"ỳýỵỷỹ", "y"},
      {"ỲÝỴỶỸ", "Y"},
      {"đ", "d"},
      {"Đ", "D"}};
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t len = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : 4;
    const std::string ch = text.substr(i, len);
    std::string plain = ch;
    for (const auto& [group, ascii] : kGroups) {
      if (group.find(ch) != std::string::npos) plain = ascii;
    }
    out += plain;
    i += len;
  }
  return out;
}

std::string full_name(const json& citizen) {
  const auto& n = citizen["HoVaTen"];
  std::string name = n["Ho"].get<std::string>();
  for (const char* part : {"ChuDem", "Ten"}) {
    if (n.contains(part) && n[part].is_string() && !n[part].get<std::string>().empty()) {
      name += " " + n[part].get<std::string>();
    }
  }
  return name;
}

std::string birth_date(const json& citizen) {
  return citizen.at("NgayThangNamSinh").value("NgayThangNam", "");
}

std::string iso_date(const std::string& yyyymmdd) {
  return yyyymmdd.substr(0, 4) + "-" + yyyymmdd.substr(4, 2) + "-" + yyyymmdd.substr(6, 2);
}

const std::map<std::string, std::string>& scenario_values() {
  static const std::map<std::string, std::string> values = [] {
    std::map<std::string, std::string> out;
    for (const auto& c : sandbox_citizens()) {
      out[c["SoDinhDanh"].get<std::string>()] = "citizen ID";
      if (c.contains("SoCMND") && c["SoCMND"].is_string()) out[c["SoCMND"]] = "old ID number";
      const auto name = full_name(c);
      out[name] = "full name";
      out[without_diacritics(name)] = "full name without diacritics";
      const auto dob = birth_date(c);
      if (dob.size() == 8) {
        out[dob] = "date of birth (yyyyMMdd)";
        out[iso_date(dob)] = "date of birth (ISO)";
      }
    }
    for (const auto& e : sandbox_enterprises()) {
      for (const auto& rep : e["DaiDienPhapLuat"]) {
        out[rep["SoGiayTo"].get<std::string>()] = "legal representative's ID number";
        out[rep["HoTen"].get<std::string>()] = "legal representative's name";
      }
    }
    return out;
  }();
  return values;
}

std::vector<std::string> find_leaks(std::string_view logs,
                                    const std::map<std::string, std::string>& values) {
  std::vector<std::string> out;
  std::istringstream lines{std::string(logs)};
  for (std::string line; std::getline(lines, line);) {
    for (const auto& [value, what] : values) {
      const auto at = line.find(value);
      if (at == std::string::npos) continue;
      std::string shown = line;
      shown.replace(at, value.size(), "<" + what + ">");
      std::string leak = what;
      leak.append(" in clear in a log line: ").append(shown);
      out.push_back(std::move(leak));
    }
  }
  return out;
}

void expect_no_leaks(std::string_view logs, const std::map<std::string, std::string>& values) {
  const auto leaks = find_leaks(logs, values);
  for (std::size_t i = 0; i < leaks.size() && i < 10; ++i) ADD_FAILURE() << leaks[i];
  EXPECT_EQ(leaks.size(), 0U) << "values in clear in the log (each value in each line)";
}

}  // namespace lienthong::testing
