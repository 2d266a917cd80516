/// The version Kerta reports in health checks and API documents.
public enum KertaVersion {
    public static let current = "0.1.0"
}
