#pragma once

#include <string_view>

/// The dvcqg wire contract the mock enforces and the hub's `dvcqg` connector relies on
/// (sandbox/README.md, section dvcqg, shows whole messages). The portal's own error codes are
/// not public: these are the sandbox's, and the connector reads them the same way.
namespace lienthong::sandbox::dvcqg {

inline constexpr std::string_view kLoginPath = "/login";              ///< under the adapter path
inline constexpr std::string_view kIntegrationPath = "/integration";  ///< under the adapter path
inline constexpr std::string_view kDstcodeHeader = "dstcode";

inline constexpr std::string_view kSyncDossiers = "DongBoHoSoMC";
inline constexpr std::string_view kUpdateProgress = "CapNhatTienDoHoSoMC";
inline constexpr std::string_view kLookupDossier = "TraCuuHoSo";
inline constexpr std::string_view kListProcedures = "LayDanhSachTTHC";
inline constexpr std::string_view kGetProcedure = "LayThuTuc";

/// `error_code` values of the answers.
enum ErrorCode : int {
  kOk = 0,
  kLoginRefused = 1,    ///< wrong username, password or dstcode
  kSessionExpired = 2,  ///< unknown or expired session: log in again
  kInvalidData = 3,     ///< the payload breaks the portal's rules
  kAlreadyExists = 4,   ///< create of a dossier that exists ("đã tồn tại")
  kNotFound = 5,        ///< no such dossier or procedure
  kOutOfOrder = 6,      ///< progress that would move a dossier backwards
  kUnknownService = 7,  ///< `service` is not one the portal offers
  kSystemError = 99,    ///< injected `http500`
};

}  // namespace lienthong::sandbox::dvcqg
