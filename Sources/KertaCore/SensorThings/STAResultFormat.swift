/// `$resultFormat`: only the compact `dataArray` form of Observations (OGC 18-088 §14.3) besides the default.
public enum STAResultFormat: String, Sendable, Hashable {
    case dataArray
}
