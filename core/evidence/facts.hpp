#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace lienthong::evidence {

/// A signature that travelled with an exchange: the value and the certificate of its signer.
struct SignatureFact {
  std::string role;                ///< "sent" (the hub signed) or "received" (the far side signed)
  std::string value;               ///< the signature value, base64 as it travelled
  std::string certificate_sha256;  ///< hex SHA-256 of the signer's DER certificate
  std::string subject;             ///< RFC 2253 subject of that certificate
};

/// A wire body archived with its entry, sealed (sealed_body.hpp): never in clear in the store.
struct ArchivedBody {
  std::string role;  ///< "sent" or "received"
  std::string key_id;
  std::string nonce;       ///< raw bytes
  std::string ciphertext;  ///< raw bytes, the tag at the end
};

/// What one journal entry says about what happened, before it is placed in a chain. Built by
/// the hub where the thing happens and written by the store in the same transaction as the
/// state it records. Hashes are lowercase hex SHA-256; empty when there was no such thing.
/// No field may hold a personal datum in clear: bodies only as hashes (or sealed), details are
/// classes and states, never the far side's free text.
struct Facts {
  std::string id;    ///< UUIDv7 of the entry; binds its archived bodies (their associated data)
  std::string kind;  ///< "exchange" | "accepted" | "attempt" | "record" | "action"
  std::string message_id;
  std::string actor;  ///< who asked: the client, the far side's client, or the operator
  std::string connector;
  std::string operation;
  std::string request_sha256;   ///< the canonical request
  std::string sent_sha256;      ///< the bytes sent to the far side
  std::string received_sha256;  ///< the bytes it answered
  std::vector<SignatureFact> signatures;
  std::string outcome;  ///< an HTTP status, a message state, a record state, an action's result
  std::string detail;   ///< a short class: the error class, "paid from pending", "replay"...
  std::vector<ArchivedBody> bodies;
  std::int64_t bodies_expire_at_ms = 0;  ///< when the archived bodies may be removed
};

}  // namespace lienthong::evidence
