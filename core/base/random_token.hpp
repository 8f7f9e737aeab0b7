#pragma once

#include <string>

namespace lienthong {

/// 32 random bytes from OpenSSL as unpadded base64url (43 characters): an API key, a session
/// id, a token in a file — usable as they are in a header, a cookie and a file name.
std::string random_token();

}  // namespace lienthong
