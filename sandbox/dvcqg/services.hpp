#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "sandbox/dvcqg/dossier_book.hpp"
#include "sandbox/dvcqg/procedure_catalogue.hpp"

namespace lienthong::sandbox::dvcqg {

/// The portal's answer to one business call: `{"error_code","message","result"}`.
struct Answer {
  int error_code = 0;
  std::string message;
  nlohmann::json result;  ///< null when the call failed

  [[nodiscard]] nlohmann::json to_json() const;
};

/// True for the services that change the portal's state (they are de-duplicated by message id).
bool changes_state(std::string_view service);

/// The business services behind `POST {adapter}/integration`, once the session, dstcode and
/// madonvi have been checked: `payload` is the body without `session`, `madonvi`, `service`.
/// No I/O; the dossier book is guarded inside.
class Services {
 public:
  explicit Services(ProcedureCatalogue catalogue) : catalogue_(std::move(catalogue)) {}

  Answer call(std::string_view service, const nlohmann::json& payload);

 private:
  Answer sync_dossiers(const nlohmann::json& payload);
  Answer update_progress(const nlohmann::json& payload);
  Answer lookup_dossier(const nlohmann::json& payload) const;
  Answer list_procedures(const nlohmann::json& payload) const;
  Answer get_procedure(const nlohmann::json& payload) const;

  ProcedureCatalogue catalogue_;
  DossierBook book_;
};

}  // namespace lienthong::sandbox::dvcqg
