import Crypto
import Foundation

/// SHA-256 in lower-case hex: audit hashes, and how tokens and keys are stored.
package enum Digest {
    package static func sha256Hex(_ text: String) -> String {
        // A lookup table instead of String(format:): audit trails hash every entry, millions when generating.
        var out = [UInt8]()
        out.reserveCapacity(64)
        for byte in SHA256.hash(data: Data(text.utf8)) {
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// A random secret for a client to hold (tokens, access keys): 32 bytes, URL-safe.
    package static func randomSecret() -> String {
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max) }
        return base64URL(Data(bytes))
    }

    /// Compares two secrets in constant time, so one cannot be guessed byte by byte from response times.
    package static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// Base64 that is safe in URLs and headers, without padding.
    package static func base64URL(_ data: Data) -> String {
        data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
