// `lienthong payments ...`: the hub's payment records for operators (issue 10, point 8).
#include <iomanip>
#include <iostream>

#include "app/commands.hpp"
#include "core/admin/record_json.hpp"
#include "core/delivery/queue_json.hpp"
#include "core/store/message_store.hpp"

namespace lienthong::app {
namespace {

constexpr std::string_view kPayment = "payment";

/// What an operator reads of a payment's data in one line.
struct PaymentView {
  std::string amount;
  std::string dossier;
};
PaymentView view_of(const store::StateRecord& r) {
  const auto data = nlohmann::json::parse(r.data, nullptr, false);
  PaymentView v;
  if (data.is_object()) {
    if (data.contains("amount")) v.amount = data["amount"].dump();
    v.dossier = data.value("dossierCode", "");
  }
  return v;
}

int list(store::MessageStore& s, const PaymentsCommand& p) {
  store::RecordFilter filter;
  filter.kind = std::string(kPayment);
  filter.limit = p.limit;
  if (!p.state.empty()) filter.state = p.state;
  auto records = s.list_records(filter);
  if (!records) {
    std::cerr << records.error().detail << '\n';
    return 1;
  }
  if (p.json) {
    auto out = nlohmann::json::array();
    for (const auto& r : *records) out.push_back(admin::record_json(r));
    std::cout << out.dump(2) << '\n';
    return 0;
  }
  if (records->empty()) {
    std::cout << "no payments" << (p.state.empty() ? "" : " " + p.state) << '\n';
    return 0;
  }
  auto row = [](std::string_view id, std::string_view state, std::string_view amount,
                std::string_view dossier, std::string_view updated) {
    std::cout << std::left << std::setw(38) << id << std::setw(18) << state << std::setw(12)
              << amount << std::setw(30) << dossier << updated << '\n';
  };
  row("ID", "STATE", "AMOUNT", "DOSSIER", "UPDATED");
  for (const auto& r : *records) {
    const auto v = view_of(r);
    row(r.id, r.state, v.amount, v.dossier, delivery::rfc3339(r.updated_at));
  }
  return 0;
}

int show(store::MessageStore& s, const PaymentsCommand& p) {
  auto record = s.get_record(kPayment, p.id);
  if (!record) {
    std::cerr << "payment " << p.id << ": " << record.error().detail << '\n';
    return 1;
  }
  auto events = s.record_events(kPayment, p.id);
  if (!events) {
    std::cerr << events.error().detail << '\n';
    return 1;
  }
  if (p.json) {
    auto out = admin::record_json(*record);
    out["history"] = admin::record_events_json(*events);
    std::cout << out.dump(2) << '\n';
    return 0;
  }
  const auto data = nlohmann::json::parse(record->data, nullptr, false);
  auto line = [](std::string_view key, std::string_view value) {
    if (!value.empty()) std::cout << std::left << std::setw(18) << key << value << '\n';
  };
  auto field = [&](std::string_view key) {
    return data.is_object() && data.contains(key)
               ? (data[key].is_string() ? data[key].get<std::string>() : data[key].dump())
               : std::string();
  };
  line("payment:", record->id);
  line("state:", record->state);
  line("amount (VND):", field("amount"));
  line("dossier:", field("dossierCode"));
  line("client:", record->client);
  line("created:", delivery::rfc3339(record->created_at));
  line("payment page:", field("paymentUrl"));
  line("expires:", field("expiresAt"));
  line("paid at:", field("paidAt"));
  line("bank transaction:", field("bankTransactionId"));
  std::cout << "history:\n";
  for (const auto& e : *events) {
    std::cout << "  " << delivery::rfc3339(e.at) << "  " << std::left << std::setw(18)
              << (e.from_state.empty() ? "(new)" : e.from_state) << "-> " << std::setw(18)
              << e.to_state << "by " << e.cause << (e.detail.empty() ? "" : "  " + e.detail)
              << '\n';
  }
  return 0;
}

}  // namespace

int run_payments(const CommandLine& cl) {
  const auto opened = open_configured_store(cl.config);
  if (!opened) return 1;
  return cl.payments.show ? show(*opened, cl.payments) : list(*opened, cl.payments);
}

}  // namespace lienthong::app
