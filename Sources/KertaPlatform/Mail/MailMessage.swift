/// One e-mail to deliver.
package struct MailMessage: Sendable, Equatable {
    package let from: String
    package let to: String
    package let subject: String
    package let body: String
}
