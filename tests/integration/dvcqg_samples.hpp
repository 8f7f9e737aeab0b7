#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace lienthong::testing {

/// The shipped sync-dossier example with another dossier code.
nlohmann::json dvcqg_dossier(const std::string& code);

/// One canonical update-progress step of dossier `code`.
nlohmann::json dvcqg_step(const std::string& code, const nlohmann::json& status,
                          const std::string& at, const std::string& content = "Xử lý hồ sơ");

}  // namespace lienthong::testing
