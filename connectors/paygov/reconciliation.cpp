#include "connectors/paygov/reconciliation.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <sstream>

namespace lienthong::connectors::paygov {
namespace {

constexpr std::array<std::pair<Finding, std::string_view>, 5> kFindings{{
    {Finding::kMatched, "matched"},
    {Finding::kMissingAtHub, "missing_at_hub"},
    {Finding::kMissingAtPlatform, "missing_at_platform"},
    {Finding::kAmountDiffers, "amount_differs"},
    {Finding::kStateDiffers, "state_differs"},
}};

/// TrangThaiGD (inferred codes, WIRE.md) in the hub's words; an unknown code stays as it is.
std::string state_word(std::string_view code) {
  if (code == "00") return "paid";
  if (code == "01") return "awaiting_payment";
  if (code == "02") return "cancelled";
  if (code == "03") return "expired";
  if (code == "04") return "refunded";
  return "code " + std::string(code);
}

std::string text(const nlohmann::json& j, std::string_view key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

std::string_view to_string(Finding finding) {
  for (const auto& [f, name] : kFindings) {
    if (f == finding) return name;
  }
  return "matched";
}

std::size_t Reconciliation::count(Finding finding) const {
  return static_cast<std::size_t>(std::count_if(
      lines.begin(), lines.end(), [&](const auto& l) { return l.finding == finding; }));
}

bool Reconciliation::clean() const {
  return count(Finding::kMatched) == lines.size();
}

Result<std::vector<PlatformEntry>> read_day_list(const nlohmann::json& answer) {
  const auto list = answer.find("DanhSachGiaoDich");
  if (list == answer.end() || !list->is_array()) {
    return Problem::make(ProblemKind::kUpstreamError,
                         "paygov's DOI_SOAT answer has no DanhSachGiaoDich list");
  }
  std::vector<PlatformEntry> out;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const auto& e = (*list)[i];
    const auto amount = e.is_object() ? e.find("SoTien") : e.end();
    if (!e.is_object() || text(e, "MaThamChieu").empty() || amount == e.end() ||
        !amount->is_number_integer() || text(e, "TrangThaiGD").empty()) {
      return Problem::make(ProblemKind::kUpstreamError,
                           "paygov's DOI_SOAT entry /DanhSachGiaoDich/" + std::to_string(i) +
                               " lacks MaThamChieu, an integer SoTien or TrangThaiGD");
    }
    out.push_back({text(e, "MaThamChieu"), text(e, "MaGiaoDich"), amount->get<std::int64_t>(),
                   state_word(text(e, "TrangThaiGD"))});
  }
  return out;
}

Reconciliation reconcile(std::string date, const std::vector<PlatformEntry>& platform,
                         const std::vector<HubEntry>& hub) {
  std::map<std::string, ReconciliationLine> by_reference;
  for (const auto& h : hub) {
    auto& line = by_reference[h.reference];
    line.reference = h.reference;
    line.hub_amount = h.amount;
    line.hub_state = h.state;
  }
  for (const auto& p : platform) {
    auto& line = by_reference[p.reference];
    line.reference = p.reference;
    line.platform_amount = p.amount;
    line.platform_state = p.state;
  }
  Reconciliation report;
  report.date = std::move(date);
  for (auto& [reference, line] : by_reference) {
    if (line.hub_state.empty()) {
      line.finding = Finding::kMissingAtHub;
    } else if (line.platform_state.empty()) {
      line.finding = Finding::kMissingAtPlatform;
    } else if (line.hub_amount != line.platform_amount) {
      line.finding = Finding::kAmountDiffers;
    } else if (line.hub_state != line.platform_state) {
      line.finding = Finding::kStateDiffers;
    }
    report.lines.push_back(std::move(line));
  }
  return report;
}

nlohmann::json to_json(const Reconciliation& report) {
  nlohmann::json counts = nlohmann::json::object();
  for (const auto& [f, name] : kFindings) counts[std::string(name)] = report.count(f);
  nlohmann::json lines = nlohmann::json::array();
  for (const auto& l : report.lines) {
    nlohmann::json j = {{"paymentId", l.reference}, {"finding", to_string(l.finding)}};
    if (!l.hub_state.empty()) j["hub"] = {{"amount", l.hub_amount}, {"state", l.hub_state}};
    if (!l.platform_state.empty()) {
      j["platform"] = {{"amount", l.platform_amount}, {"state", l.platform_state}};
    }
    lines.push_back(std::move(j));
  }
  return {{"date", report.date}, {"clean", report.clean()}, {"counts", counts}, {"lines", lines}};
}

std::string to_text(const Reconciliation& report) {
  std::ostringstream out;
  out << "reconciliation of " << report.date << ": " << report.lines.size() << " payment(s), "
      << (report.clean() ? "all matched" : "MISMATCHES FOUND") << '\n';
  for (const auto& [f, name] : kFindings) out << "  " << name << ": " << report.count(f) << '\n';
  for (const auto& l : report.lines) {
    if (l.finding == Finding::kMatched) continue;
    out << to_string(l.finding) << "  " << l.reference;
    if (!l.hub_state.empty()) out << "  hub " << l.hub_amount << " VND " << l.hub_state;
    if (!l.platform_state.empty()) {
      out << "  platform " << l.platform_amount << " VND " << l.platform_state;
    }
    out << '\n';
  }
  return out.str();
}

std::optional<std::string> platform_date(std::string_view iso) {
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return std::nullopt;
  std::string digits =
      std::string(iso.substr(0, 4)) + std::string(iso.substr(5, 2)) + std::string(iso.substr(8, 2));
  if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  const std::chrono::year_month_day ymd{
      std::chrono::year(std::stoi(digits.substr(0, 4))),
      std::chrono::month(static_cast<unsigned>(std::stoi(digits.substr(4, 2)))),
      std::chrono::day(static_cast<unsigned>(std::stoi(digits.substr(6, 2))))};
  if (!ymd.ok()) return std::nullopt;
  return digits;
}

}  // namespace lienthong::connectors::paygov
