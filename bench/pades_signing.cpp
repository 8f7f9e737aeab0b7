// PAdES signing benchmark (issue 11, bench/README.md): the hub's CPU time to prepare, embed and
// timestamp a PAdES B-T signature on a PDF of 1 MiB and of 10 MiB, divided by the CPU time of
// SHA-256 over the same bytes (EVP_Digest) in the same run — the work no signer can avoid —
// and the peak memory of one 10 MiB signature as a multiple of the document's size.
//
//   bench_pades_signing [--pki DIR=certs/dev] [--reps N=15] [--sizes MIB,MIB=1,10]
//                       [--out FILE] [--profile N [--heap fresh|reused]]
//
// What is measured is what the hub does per document, through the functions it calls
// (connectors/kyso/document_signing.hpp), in one thread:
//   arrival   admit_document: prepare_pdf once without a signer, to refuse a PDF it cannot sign
//   request   prepare_document: prepare_pdf + prepare_cms (the digest the CA signs)
//   approval  value_verifies (signature_value_matches), make_timestamp_query +
//             accept_timestamp_reply (the RFC 3161 client), signed_document: assemble_cms,
//             prepare_pdf again from the stored original, embed_in_pdf
// The CA's RSA signature (sandbox sign_sha256_digest with signer-an-key.pem) and the TSA's
// token (sandbox TimeStampAuthority::respond, in-process) are made by the far side: timed and
// reported on their own lines, not in the hub's figure. A second pass times the pieces of
// signed_document one by one (security/signing). CPU = CLOCK_PROCESS_CPUTIME_ID; each figure is
// the median of --reps repetitions after one warm-up; the baseline is timed in every
// repetition, just before the hub's steps. Everything is timed twice, with fresh pages for every
// large buffer and with a heap that reuses them (kRegimes below: page faults are most of the
// difference).
//
// Memory: for each size a forked child (so the parent's heap does not hide it) resets its peak
// RSS (/proc/self/clear_refs "5"), runs the whole flow once holding the document as the hub
// does, and reports VmHWM minus VmRSS before: the growth, and that over the document size.
//
// --out FILE writes the first signed PDF of the smallest size (pdfsig / qpdf --check can read
// it). --profile N only runs the hub's steps N times on the largest size, with the heap regime
// --heap (default reused), for `perf record`.
#include <malloc.h>
#include <openssl/evp.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "connectors/kyso/document_signing.hpp"
#include "connectors/kyso/signing_record.hpp"
#include "core/security/certificates/certificates.hpp"
#include "core/security/certificates/signing_identity.hpp"
#include "core/security/certificates/trust_store.hpp"
#include "core/security/signing/cms_signature.hpp"
#include "core/security/signing/pdf_signing.hpp"
#include "core/security/signing/timestamp_query.hpp"
#include "core/security/signing/timestamp_reply.hpp"
#include "sandbox/kyso/hash_signer.hpp"
#include "sandbox/kyso/time_stamp_authority.hpp"
#include "tests/support/sample_pdf.hpp"

namespace {

namespace fs = std::filesystem;
namespace kyso = lienthong::connectors::kyso;
namespace signing = lienthong::security::signing;
namespace security = lienthong::security;
using Clock = std::chrono::system_clock;

constexpr std::size_t kMiB = std::size_t{1} << 20;
constexpr std::size_t kReserved = 32768;  // config/connectors/kyso.json reserved_signature_bytes

[[noreturn]] void fail(const std::string& what) {
  std::fprintf(stderr, "bench_pades_signing: %s\n", what.c_str());
  std::exit(1);
}

double cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

long minor_faults() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_minflt;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/// The tests' sample PDF (tests/support/sample_pdf.hpp) padded to exactly `size` bytes.
std::string sample_pdf(std::size_t size) {
  const std::size_t first = size > 4096 ? size - 4096 : 0;
  const std::size_t overhead = lienthong::testing::sample_pdf(first).size() - first;
  std::string pdf = lienthong::testing::sample_pdf(size > overhead ? size - overhead : 0);
  if (size > overhead && pdf.size() != size) fail("the sample PDF is not the size asked for");
  return pdf;
}

std::string sha256(std::string_view bytes) {
  std::string out(32, '\0');
  unsigned int n = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), reinterpret_cast<unsigned char*>(out.data()), &n,
                 EVP_sha256(), nullptr) != 1) {
    fail("EVP_Digest failed");
  }
  return out;
}

/// The dev PKI: the signer (signer-an) with its chain, the TSA the hub trusts (root +
/// intermediate, as config/hub.json's time_stamp_authority), and the sandbox TSA.
struct Pki {
  security::SigningIdentity signer;
  security::TrustStore tsa_trust;
  security::Certificates tsa_untrusted;
  lienthong::sandbox::kyso::TimeStampAuthority tsa;
};

Pki load_pki(const fs::path& dir) {
  auto signer =
      security::SigningIdentity::load_pem(dir / "signer-an-key.pem", dir / "signer-an-chain.pem");
  if (!signer) fail(signer.error().to_string());
  auto trust = security::TrustStore::load({dir / "root-ca.pem"}, {dir / "intermediate-ca.pem"});
  if (!trust) fail(trust.error().to_string());
  auto untrusted = security::load_certificates(dir / "intermediate-ca.pem");
  if (!untrusted) fail(untrusted.error().to_string());
  auto tsa = lienthong::sandbox::kyso::TimeStampAuthority::load(
      lienthong::sandbox::kyso::TsaFiles::in_dev_pki(dir));
  if (!tsa) fail(tsa.error().to_string());
  return Pki{std::move(*signer), std::move(*trust), std::move(*untrusted), std::move(*tsa)};
}

kyso::SignRequest request_for(std::string pdf) {
  kyso::SignRequest r;
  r.user_id = "079085001234";
  r.reason = "Phê duyệt quyết định";
  r.location = "UBND tỉnh, Hà Nội";
  r.file_name = "quyet-dinh.pdf";
  r.content_type = "application/pdf";
  r.content = std::move(pdf);
  r.format = kyso::Format::kPades;
  return r;
}

// Step names, in the order they run; "far:" steps are the CA's and the TSA's.
constexpr const char* kSha = "sha256";
constexpr const char* kAdmit = "arrival: admit_document (prepare_pdf)";
constexpr const char* kPrepare = "request: prepare_document (prepare_pdf + prepare_cms)";
constexpr const char* kCaSign = "far: the CA's RSA signature of the digest";
constexpr const char* kVerify = "approval: value_verifies (signature_value_matches)";
constexpr const char* kQuery = "approval: make_timestamp_query";
constexpr const char* kTsa = "far: the TSA's token (TimeStampAuthority::respond)";
constexpr const char* kAccept = "approval: accept_timestamp_reply";
constexpr const char* kSigned = "approval: signed_document (assemble + prepare_pdf + embed)";
constexpr const char* kAssemble = "  of which assemble_cms";
constexpr const char* kPrepareAgain = "  of which prepare_pdf";
constexpr const char* kEmbed = "  of which embed_in_pdf";
constexpr const char* kFaults = "minor page faults";  // a count, not seconds

using Times = std::map<std::string, double>;

std::string unhex(std::string_view hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  }
  return out;
}

/// One document through the hub, each step timed into `t` (when not null). The signed PDF.
std::string sign_once(const Pki& pki, const kyso::SignRequest& request, Times* t) {
  double mark = cpu_seconds();
  auto lap = [&](const char* step) {
    const double now = cpu_seconds();
    if (t != nullptr) (*t)[step] = now - mark;
    mark = now;
  };
  const long faults_at_start = minor_faults();
  X509* signer = pki.signer.certificate();
  const auto& chain = pki.signer.chain();

  if (auto admitted = kyso::admit_document(request, kReserved); !admitted) {
    fail("admit_document: " + admitted.error().detail);
  }
  lap(kAdmit);

  kyso::SigningData data;
  data.format = kyso::Format::kPades;
  const auto now = std::chrono::time_point_cast<std::chrono::seconds>(Clock::now());
  data.signing_time_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  if (auto prepared = kyso::prepare_document(request, signer, chain, now, kReserved, data);
      !prepared) {
    fail("prepare_document: " + prepared.error().detail);
  }
  lap(kPrepare);

  // The CA (not the hub): the signer approves on the phone and the CA signs the digest.
  const std::string digest = unhex(data.digest_to_sign);
  auto value = lienthong::sandbox::kyso::sign_sha256_digest(pki.signer.key(), digest);
  if (!value) fail("the CA's signature failed");
  lap(kCaSign);

  if (!kyso::value_verifies(signer, data, *value)) fail("the CA's value does not verify");
  lap(kVerify);

  auto query = signing::make_timestamp_query(kyso::timestamp_imprint(*value));
  if (!query) fail("make_timestamp_query: " + query.error());
  lap(kQuery);

  const auto reply = pki.tsa.respond(query->der);  // the TSA (not the hub)
  if (reply.status != 0) fail("the TSA refused: status " + std::to_string(reply.status));
  lap(kTsa);

  auto token = signing::accept_timestamp_reply(reply.der, *query, pki.tsa_trust, pki.tsa_untrusted);
  if (!token) fail("accept_timestamp_reply: " + token.error());
  lap(kAccept);

  auto file = kyso::signed_document(request, signer, chain, kReserved, data, *value, token->der);
  if (!file) fail("signed_document: " + file.error().detail);
  lap(kSigned);

  if (t != nullptr) {
    (*t)[kFaults] = static_cast<double>(minor_faults() - faults_at_start);
    // The pieces of signed_document, one by one, with the same inputs.
    signing::CmsPreparation preparation{unhex(data.signed_attributes), digest};
    mark = cpu_seconds();
    auto cms = signing::assemble_cms(preparation, signer, chain, *value, token->der);
    if (!cms) fail("assemble_cms: " + cms.error().detail);
    lap(kAssemble);
    signing::PdfSignatureFields fields;
    fields.signing_time = now;
    fields.reason = request.reason;
    fields.location = request.location;
    fields.signer_name = security::subject_of(signer);
    fields.reserved_bytes = kReserved;
    auto pdf = signing::prepare_pdf(request.content, fields);
    if (!pdf) fail("prepare_pdf: " + pdf.error().detail);
    lap(kPrepareAgain);
    auto embedded = signing::embed_in_pdf(std::move(*pdf), *cms);
    if (!embedded) fail("embed_in_pdf: " + embedded.error().detail);
    lap(kEmbed);
    if (*embedded != file->bytes) fail("the pieces do not make the hub's signed PDF");
  }
  return std::move(file->bytes);
}

long status_kib(const char* field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  const std::string prefix = std::string(field) + ":";
  while (std::getline(in, line)) {
    if (line.rfind(prefix, 0) == 0) return std::strtol(line.c_str() + prefix.size(), nullptr, 10);
  }
  return -1;
}

struct Memory {
  long before_kib = 0;  ///< VmRSS with the document loaded
  long peak_kib = 0;    ///< VmHWM after the flow
  bool reset = false;   ///< clear_refs reset the peak (else the peak since the fork)
};

/// The whole flow once in a forked child, the document made there; its RSS figures. glibc's
/// mmap threshold is fixed at 128 KiB (M_MMAP_THRESHOLD) there, so every large buffer is its own
/// mapping, gone from RSS when freed: the peak is the memory live at once, not what a heap kept
/// from earlier buffers. A small PDF is signed first, so that the code and data pages a fork
/// leaves out of the child's RSS are back before the peak is reset.
Memory measure_memory(const Pki& pki, std::size_t size) {
  int fds[2];
  if (pipe(fds) != 0) fail("pipe failed");
  const pid_t pid = fork();
  if (pid < 0) fail("fork failed");
  if (pid == 0) {
    close(fds[0]);
    mallopt(M_MMAP_THRESHOLD, 128 * 1024);
    mallopt(M_TRIM_THRESHOLD, 128 * 1024);
    sign_once(pki, request_for(sample_pdf(64 * 1024)), nullptr);
    const kyso::SignRequest request = request_for(sample_pdf(size));
    Memory m;
    {
      std::ofstream clear("/proc/self/clear_refs");
      clear << "5";
      clear.flush();
      m.reset = static_cast<bool>(clear);
    }
    m.before_kib = status_kib("VmRSS");
    const std::string signed_pdf = sign_once(pki, request, nullptr);
    m.peak_kib = status_kib("VmHWM");
    if (signed_pdf.size() <= size) m.peak_kib = -1;
    const bool written = write(fds[1], &m, sizeof m) == static_cast<ssize_t>(sizeof m);
    _exit(written ? 0 : 1);
  }
  close(fds[1]);
  Memory m;
  const bool read_ok = read(fds[0], &m, sizeof m) == static_cast<ssize_t>(sizeof m);
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (!read_ok || !WIFEXITED(status) || WEXITSTATUS(status) != 0 || m.peak_kib < 0) {
    fail("the memory run failed");
  }
  return m;
}

// Two heap regimes, since a 10 MiB buffer costs ~2,560 page faults each time its pages are
// fresh: "fresh pages", every large buffer a new mapping (glibc's mmap threshold fixed at
// 128 KiB: the hub when the memory went back to the system between the steps, which run
// minutes apart) and "reused heap", freed buffers kept and reused (threshold 32 MiB, no
// trimming: a busy hub signing one document after another). malloc's defaults land in between,
// by history (the threshold rises to the largest buffer freed so far, up to 32 MiB).
struct Regime {
  const char* name;
  int mmap_threshold;
  int trim_threshold;
};
constexpr Regime kRegimes[] = {{"fresh pages", 128 * 1024, 128 * 1024},
                               {"reused heap", 32 * 1024 * 1024, 1 << 30}};

void use_heap(const Regime& regime) {
  if (mallopt(M_MMAP_THRESHOLD, regime.mmap_threshold) != 1 ||
      mallopt(M_TRIM_THRESHOLD, regime.trim_threshold) != 1) {
    fail("mallopt refused the thresholds");
  }
}

}  // namespace

int main(int argc, char** argv) {
  fs::path pki_dir = "certs/dev";
  int reps = 15;
  int profile = 0;
  int heap = 1;
  std::vector<std::size_t> sizes{1, 10};
  std::string out;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const bool more = i + 1 < argc;
    if (a == "--pki" && more) {
      pki_dir = argv[++i];
    } else if (a == "--reps" && more) {
      reps = std::atoi(argv[++i]);
    } else if (a == "--profile" && more) {
      profile = std::atoi(argv[++i]);
    } else if (a == "--heap" && more) {
      const std::string h = argv[++i];
      if (h != "fresh" && h != "reused") {
        std::fprintf(stderr, "bench_pades_signing: --heap is fresh or reused\n");
        return 2;
      }
      heap = h == "fresh" ? 0 : 1;
    } else if (a == "--out" && more) {
      out = argv[++i];
    } else if (a == "--sizes" && more) {
      sizes.clear();
      std::string list = argv[++i];
      for (std::size_t at = 0; at <= list.size();) {
        const std::size_t comma = std::min(list.find(',', at), list.size());
        sizes.push_back(std::strtoul(list.substr(at, comma - at).c_str(), nullptr, 10));
        at = comma + 1;
      }
    } else {
      std::fprintf(stderr,
                   "usage: bench_pades_signing [--pki DIR] [--reps N] [--sizes MIB,MIB] "
                   "[--out FILE] [--profile N [--heap fresh|reused]]\n");
      return 2;
    }
  }
  if (reps <= 0 || sizes.empty() ||
      std::any_of(sizes.begin(), sizes.end(), [](std::size_t s) { return s == 0; })) {
    std::fprintf(stderr, "bench_pades_signing: --reps and sizes must be positive\n");
    return 2;
  }
  const Pki pki = load_pki(pki_dir);
  // Warm-up on a small PDF: OpenSSL's lazy initialisation, the TSA chain's first verification.
  {
    const auto small = request_for(sample_pdf(64 * 1024));
    for (int i = 0; i < 3; ++i) sign_once(pki, small, nullptr);
  }

  if (profile > 0) {
    const auto request =
        request_for(sample_pdf(*std::max_element(sizes.begin(), sizes.end()) * kMiB));
    use_heap(kRegimes[heap]);
    for (int i = 0; i < profile; ++i) sign_once(pki, request, nullptr);
    return 0;
  }

  std::map<std::size_t, Memory> memory;
  for (const std::size_t mib : sizes) memory[mib] = measure_memory(pki, mib * kMiB);

  const char* hub_steps[] = {kAdmit, kPrepare, kVerify, kQuery, kAccept, kSigned};
  const char* rows[] = {kAdmit,  kPrepare, kCaSign,   kVerify,       kQuery, kTsa,
                        kAccept, kSigned,  kAssemble, kPrepareAgain, kEmbed};
  for (const std::size_t mib : sizes) {
    const std::size_t size = mib * kMiB;
    const auto request = request_for(sample_pdf(size));
    std::map<std::string, double> ms[2];
    double faults[2] = {0, 0};
    std::size_t signed_size = 0;
    for (int r = 0; r < 2; ++r) {
      use_heap(kRegimes[r]);
      std::map<std::string, std::vector<double>> samples;
      std::vector<double> rep_faults;
      for (int rep = -1; rep < reps; ++rep) {  // rep -1: warm-up, not counted
        Times t;
        const double t0 = cpu_seconds();
        const std::string digest = sha256(request.content);
        t[kSha] = cpu_seconds() - t0;
        if (digest.size() != 32) fail("SHA-256 failed");
        const std::string signed_pdf = sign_once(pki, request, &t);
        signed_size = signed_pdf.size();
        if (rep == 0 && r == 0 && mib == sizes.front() && !out.empty()) {
          std::ofstream(out, std::ios::binary) << signed_pdf;
        }
        if (rep < 0) continue;
        double hub = 0;
        for (const char* step : hub_steps) hub += t[step];
        t["hub"] = hub - t[kAdmit];
        t["hub+arrival"] = hub;
        rep_faults.push_back(t[kFaults]);
        t.erase(kFaults);
        for (const auto& [name, seconds] : t) samples[name].push_back(seconds);
      }
      for (const auto& [name, v] : samples) ms[r][name] = median(v) * 1e3;
      faults[r] = median(rep_faults);
    }
    std::printf("\n### %zu MiB PDF (%zu bytes; signed: %zu bytes), CPU ms, median of %d\n\n", mib,
                size, signed_size, reps);
    std::printf("| step | %s | × SHA-256 | %s | × SHA-256 |\n|---|---|---|---|---|\n",
                kRegimes[0].name, kRegimes[1].name);
    auto row = [&](const std::string& label, const std::string& key, bool bold) {
      const char* b = bold ? "**" : "";
      std::printf("| %s%s%s |", b, label.c_str(), b);
      for (int r = 0; r < 2; ++r) {
        std::printf(" %s%.3f%s | %s%.2f%s |", b, ms[r][key], b, b, ms[r][key] / ms[r][kSha], b);
      }
      std::printf("\n");
    };
    row("SHA-256 of the " + std::to_string(mib) + " MiB (EVP_Digest, the baseline)", kSha, false);
    for (const char* step : rows) row(step, step, false);
    row("hub: request + approval (CA and TSA excluded)", "hub", true);
    row("hub with the arrival check", "hub+arrival", false);
    std::printf(
        "| minor page faults per document (the flow, CA and TSA included) | %.0f | | %.0f | |\n",
        faults[0], faults[1]);
    for (int r = 0; r < 2; ++r) {
      std::printf(
          "\nsize_mib=%zu heap=\"%s\" sha256_ms=%.3f hub_ms=%.3f ratio=%.2f "
          "hub_with_arrival_ms=%.3f ratio_with_arrival=%.2f",
          mib, kRegimes[r].name, ms[r][kSha], ms[r]["hub"], ms[r]["hub"] / ms[r][kSha],
          ms[r]["hub+arrival"], ms[r]["hub+arrival"] / ms[r][kSha]);
    }
    std::printf("\n");
    const Memory& m = memory[mib];
    const double growth_mib = static_cast<double>(m.peak_kib - m.before_kib) / 1024.0;
    std::printf(
        "memory: VmRSS %ld KiB with the document loaded, VmHWM %ld KiB after the flow%s: "
        "peak growth %.1f MiB = %.2f × the document\n",
        m.before_kib, m.peak_kib, m.reset ? "" : " (peak not reset: since the fork)", growth_mib,
        growth_mib / static_cast<double>(mib));
  }
  return 0;
}
