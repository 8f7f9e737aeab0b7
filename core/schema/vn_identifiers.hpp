#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lienthong::schema {

/// Why an identifier is invalid, or nullopt when it is valid. Pure functions; rules in
/// ../shared/domain/EXTERNAL-SYSTEMS.md "Identifiers and their rules".

/// 12-digit personal ID: known province code, century/sex digit 0-3, plausible year.
std::optional<std::string> check_citizen_id(std::string_view id);
/// As above, judging "birth year in the future" against `current_year` (tests, replays).
std::optional<std::string> check_citizen_id(std::string_view id, int current_year);
/// Century/sex digit and birth year of a personal ID that passed check_citizen_id.
struct CitizenIdFacts {
  int birth_year;
  bool female;
};
CitizenIdFacts citizen_id_facts(std::string_view id);
/// 9-digit old ID card number.
std::optional<std::string> check_old_id_card(std::string_view id);
/// 10-digit enterprise/tax code with check digit, optional branch suffix `-NNN` (001-999).
std::optional<std::string> check_tax_code(std::string_view code);
/// Dossier code `{agency}-{yyMMdd}-{NNNN}`.
std::optional<std::string> check_dossier_code(std::string_view code);
/// Procedure code `1.003560.000.00.00.H56` or `2.000477`.
std::optional<std::string> check_procedure_code(std::string_view code);
/// Name of the province for a 3-digit code, empty when unknown.
std::string_view province_name(std::string_view code);

}  // namespace lienthong::schema
