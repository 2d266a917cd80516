import Crypto
import Foundation
import KertaPlatform

/// The key a reporter who is not signed in follows, confirms and rates their complaint with.
///
/// It is an HMAC of the complaint's id under the server's secret: nothing to store, the same on every
/// server, and it can be given again when a retried submission (same `Idempotency-Key`) asks for it.
package struct AccessKey {
    package let secret: String

    package func key(for complaintID: UUID) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data("complaint-access:\(complaintID.uuidString.lowercased())".utf8),
                                                  using: SymmetricKey(data: Data(secret.utf8)))
        return Digest.base64URL(Data(mac))
    }

    package func isValid(_ candidate: String?, for complaintID: UUID?) -> Bool {
        guard let candidate, let complaintID else { return false }
        return Digest.constantTimeEqual(key(for: complaintID), candidate)
    }
}
