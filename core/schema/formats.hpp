#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lienthong::schema {

/// The values of the schema keyword `format`. Each applies to strings only.
enum class Format {
  kDate,             ///< `date`: yyyy-MM-dd, a real day
  kDateTime,         ///< `date-time`: yyyy-MM-ddTHH:mm:ss[.fff](Z|+hh:mm|-hh:mm)
  kEmail,            ///< `email`: local@domain.tld, ASCII
  kVnPhone,          ///< `vn-phone`: 0 + 9 digits, or +84 + 9 digits
  kVnCitizenId,      ///< `vn-citizen-id`: see check_citizen_id
  kVnOldIdCard,      ///< `vn-old-id-card`: see check_old_id_card
  kVnTaxCode,        ///< `vn-tax-code`: see check_tax_code
  kVnDossierCode,    ///< `vn-dossier-code`: see check_dossier_code
  kVnProcedureCode,  ///< `vn-procedure-code`: see check_procedure_code
};

/// The format called `name` in a schema file, or nullopt when there is none.
std::optional<Format> format_by_name(std::string_view name);
/// Every format name, comma-separated, for error messages.
std::string format_names();

/// Why `value` is not of `format`, or nullopt when it is. Never echoes the value.
std::optional<std::string> check_format(Format format, std::string_view value);

std::optional<std::string> check_date(std::string_view value);
std::optional<std::string> check_date_time(std::string_view value);
std::optional<std::string> check_email(std::string_view value);
std::optional<std::string> check_vn_phone(std::string_view value);

}  // namespace lienthong::schema
