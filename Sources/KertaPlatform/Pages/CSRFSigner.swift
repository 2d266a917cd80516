import Crypto
import Foundation

/// Signs a random nonce under the server's secret, so every server accepts every server's cookie token and
/// a token cannot be made up without the secret.
package struct CSRFSigner {
    package let secret: String

    package func mint() -> String {
        let nonce = Digest.base64URL(Data((0..<18).map { _ in UInt8.random(in: .min ... .max) }))
        return nonce + "." + signature(nonce)
    }

    package func isValid(_ token: String) -> Bool {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 24 else { return false }
        return Digest.constantTimeEqual(String(parts[1]), signature(String(parts[0])))
    }

    private func signature(_ nonce: String) -> String {
        Digest.base64URL(Data(HMAC<SHA256>.authenticationCode(for: Data("csrf:\(nonce)".utf8), using: SymmetricKey(data: Data(secret.utf8)))))
    }
}
