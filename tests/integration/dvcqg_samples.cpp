#include "dvcqg_samples.hpp"

#include <filesystem>

#include "cli_support.hpp"

namespace lienthong::testing {

nlohmann::json dvcqg_dossier(const std::string& code) {
  auto d = nlohmann::json::parse(
      slurp(std::filesystem::path(LT_SOURCE_DIR) / "mappings/dvcqg/sync-dossier.example.json"));
  d["dossierCode"] = code;
  return d;
}

nlohmann::json dvcqg_step(const std::string& code, const nlohmann::json& status,
                          const std::string& at, const std::string& content) {
  return {{"dossierCode", code},
          {"handler", {{"name", "Trần Thị Bình"}}},
          {"handledAt", at},
          {"content", content},
          {"status", status}};
}

}  // namespace lienthong::testing
