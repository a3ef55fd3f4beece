import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SwitchboardCore
@testable import SwitchboardServer
import SwitchboardTestSupport
import Testing

/// Every route, called by every kind of caller: what each may do, and how each refusal looks.
/// Columns: anonymous, alice (customer, owns ticket A), bob (customer, owns ticket B involving the
/// merchant), merchant agent, platform agent (orders team), supervisor, admin, read-only platform
/// token, merchant token (tickets read + write).
@Suite("Permission matrix")
struct PermissionMatrixTests {
    struct Cell: Sendable, CustomTestStringConvertible {
        let route: String
        let role: Role
        let expected: Int
        let request: @Sendable (TestDesk) -> (HTTPRequest.Method, String, String?)

        var testDescription: String { "\(route) as \(role) → \(expected)" }
    }

    static func row(_ route: String, _ expected: [Int], _ request: @escaping @Sendable (TestDesk) -> (HTTPRequest.Method, String, String?)) -> [Cell] {
        precondition(expected.count == Role.allCases.count, "\(route): one expectation per role")
        return zip(Role.allCases, expected).map { Cell(route: route, role: $0, expected: $1, request: request) }
    }

    static let cells: [Cell] = [
        //                                                       anon alice bob  mAg  agent sup  admin rTok mTok
        row("GET /health", [200, 200, 200, 200, 200, 200, 200, 200, 200]) { _ in (.get, "/health", nil) },
        row("GET /ready", [200, 200, 200, 200, 200, 200, 200, 200, 200]) { _ in (.get, "/ready", nil) },
        row("GET /metrics", [200, 200, 200, 200, 200, 200, 200, 200, 200]) { _ in (.get, "/metrics", nil) },
        row("GET /api/openapi.json", [200, 200, 200, 200, 200, 200, 200, 200, 200]) { _ in (.get, "/api/openapi.json", nil) },
        row("GET auth/me", [401, 200, 200, 200, 200, 200, 200, 200, 200]) { _ in (.get, "/api/v1/auth/me", nil) },
        row("POST auth/sign-out", [204, 204, 204, 204, 204, 204, 204, 204, 204]) { _ in (.post, "/api/v1/auth/sign-out", nil) },
        row("POST auth/sign-in (wrong password)", [401, 401, 401, 401, 401, 401, 401, 401, 401]) { _ in
            (.post, "/api/v1/auth/sign-in", #"{"email":"ada@desk.test","password":"not the password"}"#)
        },
        row("POST customer-auth/magic-link", [202, 202, 202, 202, 202, 202, 202, 202, 202]) { _ in
            (.post, "/api/v1/customer-auth/magic-link", #"{"email":"alice@example.com"}"#)
        },
        row("POST customer-auth/magic-link/redeem (unknown)", [401, 401, 401, 401, 401, 401, 401, 401, 401]) { _ in
            (.post, "/api/v1/customer-auth/magic-link/redeem", #"{"token":"nope"}"#)
        },
        row("POST customer-auth/identity (bad signature)", [401, 401, 401, 401, 401, 401, 401, 401, 401]) { _ in
            (.post, "/api/v1/customer-auth/identity", #"{"externalId":"u1","issuedAt":1,"signature":"00"}"#)
        },

        // The chat speaks for a visitor by their chat token alone: a session or an API token is no visitor.
        row("POST chat/frames (no chat token)", [401, 401, 401, 401, 401, 401, 401, 401, 401]) { _ in
            (.post, "/api/v1/chat/frames", #"{"type":"message","id":"x1","text":"hello"}"#)
        },
        row("POST chat/attachments (no chat token)", [401, 401, 401, 401, 401, 401, 401, 401, 401]) { _ in
            (.post, "/api/v1/chat/attachments", #"{}"#)
        },

        // The portal's calls are a signed-in customer's; a receipt anyone may check.
        row("POST portal/assist", [401, 200, 200, 403, 403, 403, 403, 403, 403]) { _ in
            (.post, "/api/v1/portal/assist", #"{"text":"my parcel has not arrived"}"#)
        },
        row("POST portal/attachments (not a photo)", [401, 415, 415, 403, 403, 403, 403, 403, 403]) { _ in
            (.post, "/api/v1/portal/attachments", #"{}"#)
        },
        row("POST receipts/verify (not a receipt)", [400, 400, 400, 400, 400, 400, 400, 400, 400]) { _ in
            (.post, "/api/v1/receipts/verify", #"{"ticket":1}"#)
        },

        // Tickets
        row("POST tickets (for Alice)", [401, 201, 403, 403, 201, 201, 201, 403, 403]) { d in
            (.post, "/api/v1/tickets", #"{"subject":"Lid missing","customerId":\#(d.fixture.alice.id),"message":"The lid is missing"}"#)
        },
        row("POST tickets (involving the merchant)", [401, 403, 201, 201, 201, 201, 201, 403, 201]) { d in
            (.post, "/api/v1/tickets", #"{"subject":"Stale tea","customerId":\#(d.fixture.bob.id),"merchantId":\#(d.fixture.merchant.id)}"#)
        },
        row("GET tickets", [401, 200, 200, 200, 200, 200, 200, 200, 200]) { _ in (.get, "/api/v1/tickets", nil) },
        row("GET tickets/search", [401, 200, 200, 200, 200, 200, 200, 200, 200]) { _ in (.get, "/api/v1/tickets/search?q=kettle", nil) },
        row("GET tickets/counts", [401, 200, 200, 200, 200, 200, 200, 200, 200]) { _ in (.get, "/api/v1/tickets/counts", nil) },
        row("GET ticket A", [401, 200, 404, 404, 200, 200, 200, 200, 404]) { d in (.get, "/api/v1/tickets/\(d.aliceTicket.number)", nil) },
        row("GET ticket B", [401, 404, 200, 200, 200, 200, 200, 200, 200]) { d in (.get, "/api/v1/tickets/\(d.bobTicket.number)", nil) },
        row("GET ticket A messages", [401, 200, 404, 404, 200, 200, 200, 200, 404]) { d in (.get, "/api/v1/tickets/\(d.aliceTicket.number)/messages", nil) },
        row("GET ticket A events", [401, 200, 404, 404, 200, 200, 200, 200, 404]) { d in (.get, "/api/v1/tickets/\(d.aliceTicket.number)/events", nil) },
        row("GET ticket A verify", [401, 403, 404, 404, 200, 200, 200, 403, 404]) { d in (.get, "/api/v1/tickets/\(d.aliceTicket.number)/verify", nil) },
        row("GET ticket A commitments", [401, 200, 404, 404, 200, 200, 200, 200, 404]) { d in (.get, "/api/v1/tickets/\(d.aliceTicket.number)/commitments", nil) },
        row("POST ticket A commitment", [401, 403, 403, 404, 201, 201, 201, 403, 403]) { d in
            let due = ISO8601DateFormatter().string(from: d.clock.now().addingTimeInterval(3 * 86_400))
            return (.post, "/api/v1/tickets/\(d.aliceTicket.number)/commitments", #"{"text":"Refund within 3 days","dueAt":"\#(due)"}"#)
        },
        row("POST ticket A commitment kept (none made)", [401, 403, 403, 404, 404, 404, 404, 403, 403]) { d in
            (.post, "/api/v1/tickets/\(d.aliceTicket.number)/commitments/c9/kept", #"{"note":"done"}"#)
        },
        row("PUT me/presence", [401, 403, 403, 200, 200, 200, 200, 403, 403]) { _ in (.put, "/api/v1/me/presence", #"{"presence":"away"}"#) },
        row("POST me/activity", [401, 403, 403, 204, 204, 204, 204, 403, 403]) { _ in (.post, "/api/v1/me/activity", nil) },
        row("GET me/notifications", [401, 403, 403, 200, 200, 200, 200, 403, 403]) { _ in (.get, "/api/v1/me/notifications", nil) },
        row("POST me/notifications/read", [401, 403, 403, 200, 200, 200, 200, 403, 403]) { _ in (.post, "/api/v1/me/notifications/read", "{}") },
        row("POST reply on ticket A", [401, 201, 404, 404, 201, 201, 201, 403, 404]) { d in
            (.post, "/api/v1/tickets/\(d.aliceTicket.number)/messages", #"{"body":"Any news?"}"#)
        },
        row("POST internal note on ticket A", [401, 403, 404, 404, 201, 201, 201, 403, 404]) { d in
            (.post, "/api/v1/tickets/\(d.aliceTicket.number)/messages", #"{"body":"Checked stock","visibility":"internal"}"#)
        },
        row("POST reply on ticket B", [401, 404, 201, 201, 201, 201, 201, 403, 201]) { d in
            (.post, "/api/v1/tickets/\(d.bobTicket.number)/messages", #"{"body":"更新一下进度"}"#)
        },
        row("POST assign ticket A to the orders agent", [401, 403, 404, 404, 200, 200, 200, 403, 404]) { d in
            (.post, "/api/v1/tickets/\(d.aliceTicket.number)/assign", #"{"assigneeId":\#(d.fixture.agent.id)}"#)
        },
        row("POST assign ticket A outside its team", [401, 403, 404, 404, 403, 200, 200, 403, 404]) { d in
            (.post, "/api/v1/tickets/\(d.aliceTicket.number)/assign", #"{"assigneeId":\#(d.fixture.admin.id)}"#)
        },
        row("POST assign ticket B to a platform agent", [401, 404, 403, 404, 403, 200, 200, 403, 404]) { d in
            (.post, "/api/v1/tickets/\(d.bobTicket.number)/assign", #"{"assigneeId":\#(d.fixture.agent.id)}"#)
        },
        row("POST transfer ticket A to payments", [401, 403, 404, 404, 200, 200, 200, 403, 404]) { d in
            (.post, "/api/v1/tickets/\(d.aliceTicket.number)/transfer", #"{"teamId":\#(d.fixture.payments.id),"reason":"double charge"}"#)
        },
        row("POST transfer ticket B (a team you are not in)", [401, 404, 403, 200, 403, 200, 200, 403, 200]) { d in
            (.post, "/api/v1/tickets/\(d.bobTicket.number)/transfer", #"{"teamId":\#(d.fixture.merchantTeam.id),"reason":"merchant stock check","assigneeId":\#(d.fixture.merchantAgent.id)}"#)
        },
        row("POST status of ticket A", [401, 403, 404, 404, 200, 200, 200, 403, 404]) { d in
            (.post, "/api/v1/tickets/\(d.aliceTicket.number)/status", #"{"status":"open"}"#)
        },
        row("PATCH ticket A", [401, 403, 404, 404, 200, 200, 200, 403, 404]) { d in
            (.patch, "/api/v1/tickets/\(d.aliceTicket.number)", #"{"priority":"high","tags":["leak"]}"#)
        },

        // Customers
        row("POST customers", [401, 403, 403, 403, 201, 201, 201, 403, 403]) { _ in
            (.post, "/api/v1/customers", #"{"name":"Carol","identities":[{"kind":"email","value":"carol@example.com"}]}"#)
        },
        row("GET customer Alice", [401, 403, 403, 404, 200, 200, 200, 403, 403]) { d in (.get, "/api/v1/customers/\(d.fixture.alice.id)", nil) },
        row("GET customer Bob", [401, 403, 403, 200, 200, 200, 200, 403, 403]) { d in (.get, "/api/v1/customers/\(d.fixture.bob.id)", nil) },
        row("POST identity for Alice", [401, 403, 403, 404, 200, 200, 200, 403, 403]) { d in
            (.post, "/api/v1/customers/\(d.fixture.alice.id)/identities", #"{"kind":"phone","value":"+44 20 7946 0000"}"#)
        },
        row("POST merge Bob into Alice", [401, 403, 403, 404, 403, 200, 200, 403, 403]) { d in
            (.post, "/api/v1/customers/\(d.fixture.alice.id)/merge", #"{"sourceId":\#(d.fixture.bob.id)}"#)
        },

        // Directory
        row("GET organizations", [401, 403, 403, 200, 200, 200, 200, 403, 403]) { _ in (.get, "/api/v1/organizations", nil) },
        row("POST organizations", [401, 403, 403, 403, 403, 403, 201, 403, 403]) { _ in
            (.post, "/api/v1/organizations", #"{"name":"Blue Pottery","kind":"merchant"}"#)
        },
        row("GET organization (merchant)", [401, 403, 403, 200, 200, 200, 200, 403, 403]) { d in (.get, "/api/v1/organizations/\(d.fixture.merchant.id)", nil) },
        row("GET teams", [401, 403, 403, 200, 200, 200, 200, 403, 403]) { _ in (.get, "/api/v1/teams", nil) },
        row("POST teams", [401, 403, 403, 403, 403, 403, 201, 403, 403]) { _ in (.post, "/api/v1/teams", #"{"name":"Night shift"}"#) },
        row("GET team (orders)", [401, 403, 403, 404, 200, 200, 200, 403, 403]) { d in (.get, "/api/v1/teams/\(d.fixture.orders.id)", nil) },
        row("PATCH team (orders)", [401, 403, 403, 404, 403, 403, 200, 403, 403]) { d in (.patch, "/api/v1/teams/\(d.fixture.orders.id)", #"{"name":"Orders desk"}"#) },
        row("GET agents", [401, 403, 403, 200, 200, 200, 200, 403, 403]) { _ in (.get, "/api/v1/agents", nil) },
        row("POST agents", [401, 403, 403, 403, 403, 403, 201, 403, 403]) { _ in
            (.post, "/api/v1/agents", #"{"name":"Neo","email":"neo@desk.test","role":"agent","password":"long enough secret"}"#)
        },
        row("GET agent (the orders agent)", [401, 403, 403, 404, 200, 200, 200, 403, 403]) { d in (.get, "/api/v1/agents/\(d.fixture.agent.id)", nil) },
        row("PATCH agent role (the orders agent)", [401, 403, 403, 404, 403, 403, 200, 403, 403]) { d in
            (.patch, "/api/v1/agents/\(d.fixture.agent.id)", #"{"role":"supervisor"}"#)
        },
        row("GET fields", [401, 403, 403, 200, 200, 200, 200, 403, 403]) { _ in (.get, "/api/v1/fields", nil) },
        row("POST fields", [401, 403, 403, 403, 403, 403, 201, 403, 403]) { _ in
            (.post, "/api/v1/fields", #"{"key":"order_number","label":"Order number","type":"text"}"#)
        },
        row("GET api-tokens", [401, 403, 403, 403, 403, 403, 200, 403, 403]) { _ in (.get, "/api/v1/api-tokens", nil) },
        row("POST api-tokens", [401, 403, 403, 403, 403, 403, 201, 403, 403]) { _ in
            (.post, "/api/v1/api-tokens", #"{"name":"Shop","scopes":["tickets:read"]}"#)
        },
        row("DELETE api-token", [401, 403, 403, 403, 403, 403, 200, 403, 403]) { _ in (.delete, "/api/v1/api-tokens/1", nil) },
    ].flatMap { $0 }

    @Test("every role on every route", arguments: cells)
    func cell(_ cell: Cell) async throws {
        try await TestDesk.with { desk in
            let (method, uri, json) = cell.request(desk)
            try await desk.client { client in
                let response = try await client.call(desk, cell.role, method, uri, json: json)
                #expect(response.status.code == cell.expected, "\(cell.testDescription): got \(response.status.code) \(String(buffer: response.body).prefix(200))")
                if response.status.code >= 400 {
                    // Every refusal speaks the API's error shape.
                    #expect(response.errorCode != nil, "\(cell.testDescription): refusal without an error body")
                }
            }
        }
    }

    @Test("the matrix covers every documented route")
    func coversEveryRoute() {
        let covered = Set(Self.cells.map(\.route))
        #expect(covered.count * Role.allCases.count == Self.cells.count)
        #expect(Set(Self.cells.map(\.role)) == Set(Role.allCases))
        // One row (or more) per documented operation.
        #expect(Set(Self.cells.map(\.route)).count >= OpenAPIDocument.operations.count)
    }
}
