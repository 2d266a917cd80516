import Crypto
import Foundation

/// Signs a random nonce under the server's secret, so every server accepts every server's cookie token and
/// a token cannot be made up without the secret.
struct CSRFSigner {
    let secret: String

    func mint() -> String {
        let nonce = Digest.base64URL(Data((0..<18).map { _ in UInt8.random(in: .min ... .max) }))
        return nonce + "." + signature(nonce)
    }

    func isValid(_ token: String) -> Bool {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 24 else { return false }
        return Self.same(String(parts[1]), signature(String(parts[0])))
    }

    private func signature(_ nonce: String) -> String {
        Digest.base64URL(Data(HMAC<SHA256>.authenticationCode(for: Data("csrf:\(nonce)".utf8), using: SymmetricKey(data: Data(secret.utf8)))))
    }

    /// Constant time, so a token cannot be guessed byte by byte from response times.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
