import Crypto
import Foundation

/// SHA-256 in lower-case hex: audit hashes, and how tokens and keys are stored.
enum Digest {
    static func sha256Hex(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// A random secret for a client to hold (tokens, access keys): 32 bytes, URL-safe.
    static func randomSecret() -> String {
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
