#pragma once

#include <string_view>

/// The dancu wire contract the mock enforces and the hub's mappings are written against
/// (sandbox/README.md shows whole messages).
namespace lienthong::sandbox::dancu {

inline constexpr std::string_view kPath = "/TraCuuThongTinCongDan";
/// SOAP 1.1 action, quotes included, exactly as the `SOAPAction` header must carry it.
inline constexpr std::string_view kSoapAction = "\"urn:dancu:congdan:1.0/TraCuuThongTinCongDan\"";
inline constexpr std::string_view kSoapEnvelopeNs = "http://schemas.xmlsoap.org/soap/envelope/";
inline constexpr std::string_view kSoap12EnvelopeNs = "http://www.w3.org/2003/05/soap-envelope";
inline constexpr std::string_view kDancuNs = "urn:dancu:congdan:1.0";
inline constexpr std::string_view kOperation = "TraCuuThongTinCongDan";

/// Prefix of the SOAP envelope namespace in answers: deliberately not the `soap` callers tend
/// to use, so a client that matches prefixes instead of namespaces fails here, not in production.
inline constexpr std::string_view kAnswerEnvelopePrefix = "SOAP-ENV";

/// `detail/dc:MaLoi` codes of the faults.
inline constexpr std::string_view kInvalidRequest = "DC_YEU_CAU_KHONG_HOP_LE";
inline constexpr std::string_view kDuplicateRequestId = "DC_TRUNG_MA_YEU_CAU";
inline constexpr std::string_view kMismatch = "DC_KHONG_KHOP";
inline constexpr std::string_view kSystemError = "DC_LOI_HE_THONG";
/// The request is not signed, or not signed as profile dancu-dsig-1 by a trusted certificate.
inline constexpr std::string_view kBadSignature = "DC_CHU_KY_KHONG_HOP_LE";

}  // namespace lienthong::sandbox::dancu
