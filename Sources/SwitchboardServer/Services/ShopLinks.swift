import Foundation
import SwitchboardCore
import SwitchboardStorage

/// The shop's side of the identity sign-in, for the desk's own tools (`switchboard shop-link`)
/// and to show operators what a shop computes: sign the claim's payload, build the Help link.
public enum ShopLinks {
    /// The secret shops sign with: the configured one, or the one generated once for this desk.
    public static func secret(configured: String?, store: any Store) async throws -> String {
        if let configured { return configured }
        return try await store.setting("identity_secret") { Secrets.token(bytes: 32) }
    }

    /// Hex HMAC-SHA256 of the claim's payload.
    public static func signature(_ claim: ShopIdentityClaim, secret: String) -> String {
        Secrets.hmac(claim.signedPayload, key: secret)
    }

    /// The portal entry link for the claim, on the desk at `baseURL`.
    public static func link(_ claim: ShopIdentityClaim, secret: String, baseURL: String) -> String {
        var components = URLComponents()
        components.queryItems = [URLQueryItem(name: "externalId", value: claim.externalId)]
            + (claim.email.map { [URLQueryItem(name: "email", value: $0)] } ?? [])
            + (claim.name.map { [URLQueryItem(name: "name", value: $0)] } ?? [])
            + [URLQueryItem(name: "issuedAt", value: String(claim.issuedAt)), URLQueryItem(name: "signature", value: signature(claim, secret: secret))]
        // `+` is a space in a query; an address with one must keep it.
        let query = (components.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
        return "\(baseURL)/portal/enter?\(query)"
    }
}
