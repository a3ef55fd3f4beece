import Foundation
import SwitchboardCore

/// The API description served at `/api/openapi.json`. Every route the router knows must be listed
/// in `operations`; a test holds the two together.
enum OpenAPIDocument {
    struct Operation {
        let method: String
        let path: String
        let summary: String
        let tag: String
        var request: String?
        var response: (status: Int, schema: String?) = (200, nil)
        var query: [(name: String, description: String)] = []
        var authenticated = true
    }

    static let operations: [Operation] = [
        Operation(method: "get", path: "/health", summary: "The process is alive", tag: "operations", response: (200, "Status"), authenticated: false),
        Operation(method: "get", path: "/ready", summary: "The database is reachable and migrated", tag: "operations", response: (200, "Readiness"), authenticated: false),
        Operation(method: "get", path: "/metrics", summary: "Prometheus metrics (text format)", tag: "operations", authenticated: false),
        Operation(method: "get", path: "/api/openapi.json", summary: "This document", tag: "operations", authenticated: false),

        Operation(method: "post", path: "/api/v1/auth/sign-in", summary: "Agent sign-in with email and password; sets the session cookie", tag: "auth", request: "SignIn", response: (200, "Session"), authenticated: false),
        Operation(method: "post", path: "/api/v1/auth/sign-out", summary: "End the session", tag: "auth", response: (204, nil)),
        Operation(method: "get", path: "/api/v1/auth/me", summary: "Who is signed in, with the CSRF token", tag: "auth", response: (200, "Session")),
        Operation(method: "post", path: "/api/v1/customer-auth/identity", summary: "Customer sign-in with a shop-signed identity (HMAC-SHA256 of the claim, made within ten minutes; docs/API.md)", tag: "auth", request: "IdentitySignIn", response: (200, "Session"), authenticated: false),
        Operation(method: "post", path: "/api/v1/customer-auth/magic-link", summary: "Email a one-time sign-in link to a known customer", tag: "auth", request: "MagicLink", response: (202, "Status"), authenticated: false),
        Operation(method: "post", path: "/api/v1/customer-auth/magic-link/redeem", summary: "Use a one-time sign-in link", tag: "auth", request: "RedeemMagicLink", response: (200, "Session"), authenticated: false),

        Operation(method: "post", path: "/api/v1/tickets", summary: "Open a ticket", tag: "tickets", request: "CreateTicket", response: (201, "TicketWithMessage")),
        Operation(method: "get", path: "/api/v1/tickets", summary: "List tickets, newest activity first, keyset-paginated", tag: "tickets", response: (200, "TicketList"), query: [
            ("status", "comma-separated statuses"), ("teamId", "owning team"), ("assignee", "agent id, `me` or `none`"),
            ("priority", "urgent, high, normal or low"), ("customerId", "customer"), ("merchantId", "involved merchant"),
            ("tag", "a tag"), ("updatedSince", "ISO 8601 time"), ("limit", "1–200, default 50"), ("cursor", "nextCursor of the previous page"),
        ]),
        Operation(method: "get", path: "/api/v1/tickets/search", summary: "Search subjects and messages (English, Chinese, Persian)", tag: "tickets", response: (200, "SearchResults"), query: [("q", "the words to find"), ("limit", "1–100, default 20")]),
        Operation(method: "get", path: "/api/v1/tickets/counts", summary: "Ticket counts by status", tag: "tickets", response: (200, "StatusCounts")),
        Operation(method: "get", path: "/api/v1/tickets/{number}", summary: "One ticket", tag: "tickets", response: (200, "Ticket")),
        Operation(method: "patch", path: "/api/v1/tickets/{number}", summary: "Change priority, tags, custom fields, category or the structured problem", tag: "tickets", request: "UpdateTicket", response: (200, "Ticket")),
        Operation(method: "get", path: "/api/v1/tickets/{number}/messages", summary: "Messages; staff also see what the assistant read in each customer message (customers never see internal notes)", tag: "tickets", response: (200, "MessageList")),
        Operation(method: "post", path: "/api/v1/tickets/{number}/messages", summary: "Public reply or internal note; a customer reply to a closed ticket opens a linked follow-up", tag: "tickets", request: "AddMessage", response: (201, "TicketWithMessage")),
        Operation(method: "post", path: "/api/v1/tickets/{number}/assign", summary: "Assign to an agent, or unassign with null", tag: "tickets", request: "Assign", response: (200, "Ticket")),
        Operation(method: "post", path: "/api/v1/tickets/{number}/transfer", summary: "Transfer to a team, with the reason", tag: "tickets", request: "Transfer", response: (200, "Ticket")),
        Operation(method: "post", path: "/api/v1/tickets/{number}/status", summary: "Change status along the allowed transitions", tag: "tickets", request: "StatusChange", response: (200, "Ticket")),
        Operation(method: "get", path: "/api/v1/tickets/{number}/events", summary: "The ticket's history (customers see their progress timeline)", tag: "tickets", response: (200, "EventList")),
        Operation(method: "get", path: "/api/v1/tickets/{number}/verify", summary: "Walk the event hash chain and name the first event that does not match", tag: "tickets", response: (200, "ChainVerification")),
        Operation(method: "post", path: "/api/v1/tickets/{number}/messages/{message}/intent", summary: "Correct what the assistant read a customer message as (staff; one of the assistant's intents)", tag: "tickets", request: "CorrectIntent", response: (200, "Ticket")),

        Operation(method: "post", path: "/api/v1/customers", summary: "Create a customer", tag: "customers", request: "CreateCustomer", response: (201, "Customer")),
        Operation(method: "get", path: "/api/v1/customers/{id}", summary: "One customer", tag: "customers", response: (200, "Customer")),
        Operation(method: "post", path: "/api/v1/customers/{id}/identities", summary: "Add a contact identity", tag: "customers", request: "ContactIdentity", response: (200, "Customer")),
        Operation(method: "post", path: "/api/v1/customers/{id}/merge", summary: "Merge a duplicate customer into this one (supervisors)", tag: "customers", request: "Merge", response: (200, "Customer")),

        Operation(method: "get", path: "/api/v1/organizations", summary: "Organizations", tag: "admin", response: (200, "OrganizationList")),
        Operation(method: "post", path: "/api/v1/organizations", summary: "Add a merchant (platform admins)", tag: "admin", request: "CreateOrganization", response: (201, "Organization")),
        Operation(method: "get", path: "/api/v1/organizations/{id}", summary: "One organization", tag: "admin", response: (200, "Organization")),
        Operation(method: "get", path: "/api/v1/teams", summary: "Teams", tag: "admin", response: (200, "TeamList")),
        Operation(method: "post", path: "/api/v1/teams", summary: "Create a team (admins)", tag: "admin", request: "TeamChange", response: (201, "Team")),
        Operation(method: "get", path: "/api/v1/teams/{id}", summary: "One team", tag: "admin", response: (200, "Team")),
        Operation(method: "patch", path: "/api/v1/teams/{id}", summary: "Rename a team or change its hours (admins)", tag: "admin", request: "TeamChange", response: (200, "Team")),
        Operation(method: "get", path: "/api/v1/agents", summary: "Agents", tag: "admin", response: (200, "AgentList")),
        Operation(method: "post", path: "/api/v1/agents", summary: "Create an agent (admins)", tag: "admin", request: "CreateAgent", response: (201, "Agent")),
        Operation(method: "get", path: "/api/v1/agents/{id}", summary: "One agent", tag: "admin", response: (200, "Agent")),
        Operation(method: "patch", path: "/api/v1/agents/{id}", summary: "Change an agent (admins), or your own presence", tag: "admin", request: "UpdateAgent", response: (200, "Agent")),
        Operation(method: "get", path: "/api/v1/fields", summary: "Custom field definitions", tag: "admin", response: (200, "FieldList")),
        Operation(method: "post", path: "/api/v1/fields", summary: "Define a custom field (platform admins)", tag: "admin", request: "CustomField", response: (201, "CustomField")),
        Operation(method: "get", path: "/api/v1/routing", summary: "The routing rules, in order, and the default team (staff)", tag: "routing", response: (200, "Routing")),
        Operation(method: "put", path: "/api/v1/routing", summary: "Replace the routing rules (platform supervisors and admins); name the version you read", tag: "routing", request: "Routing", response: (200, "Routing")),
        Operation(method: "get", path: "/api/v1/sla-policies", summary: "The SLA policies, in order, and the teams' holidays (staff)", tag: "routing", response: (200, "SLAPolicies")),
        Operation(method: "put", path: "/api/v1/sla-policies", summary: "Replace the SLA policies and holidays (platform supervisors and admins); name the version you read", tag: "routing", request: "SLAPolicies", response: (200, "SLAPolicies")),
        Operation(method: "get", path: "/api/v1/tickets/{number}/sla", summary: "The ticket's SLA clocks now: the covering policy, each target's state, due and warning times (staff and tokens)", tag: "tickets", response: (200, "TicketSLA")),
        Operation(method: "get", path: "/api/v1/tickets/{number}/commitments", summary: "What agents promised the customer on this ticket, with due times and where each stands", tag: "tickets", response: (200, "CommitmentList")),
        Operation(method: "post", path: "/api/v1/tickets/{number}/commitments", summary: "Record a promise to the customer with its due time (staff); the agent is reminded, and it is missed unless kept in time", tag: "tickets", request: "CreateCommitment", response: (201, "Commitment")),
        Operation(method: "post", path: "/api/v1/tickets/{number}/commitments/{id}/kept", summary: "Mark an open promise kept, with what was done (staff)", tag: "tickets", request: "KeepCommitment", response: (200, "Commitment")),
        Operation(method: "put", path: "/api/v1/me/presence", summary: "Set your presence: online agents are given cases; away and offline ones are not", tag: "agents", request: "Presence", response: (200, "Presence")),
        Operation(method: "post", path: "/api/v1/me/activity", summary: "Note that you are working (an online agent idle for 15 minutes becomes away)", tag: "agents", response: (204, nil)),
        Operation(method: "get", path: "/api/v1/me/notifications", summary: "Your notifications, newest first, and how many are unread", tag: "agents", response: (200, "Notifications")),
        Operation(method: "post", path: "/api/v1/me/notifications/read", summary: "Mark your notifications read (all, or up to an id)", tag: "agents", request: "ReadNotifications", response: (200, "Marked")),
        Operation(method: "get", path: "/api/v1/chat/events", summary: "A chat visitor's frames as server-sent events: the welcome (with a new visitor's token), the conversation after ?ticket=&after=, its changes and the wait (docs/API.md, Live chat)", tag: "chat", response: (200, nil)),
        Operation(method: "post", path: "/api/v1/chat/frames", summary: "One chat frame from the visitor (X-Chat-Token): a message acknowledged once stored, a request for a person, feedback; answers with the frames it brings back", tag: "chat", response: (200, nil)),
        Operation(method: "post", path: "/api/v1/chat/attachments", summary: "A photo (JPEG, PNG, GIF, WebP) or PDF from the visitor as the body (X-Chat-Token, X-Message-Id, X-File-Name), at most 10 MiB, its kind read from its bytes: a message of the conversation, acknowledged once stored; 413 too large, 415 another kind", tag: "chat", response: (200, nil)),
        Operation(method: "post", path: "/api/v1/portal/assist", summary: "What the assistant reads in a request a signed-in customer is writing ({\"text\"}): the parts still missing as tips, the topic it recognises, an article that may answer it — in the page's language", tag: "portal", response: (200, nil)),
        Operation(method: "post", path: "/api/v1/portal/attachments", summary: "A photo (JPEG, PNG, GIF, WebP) or PDF for a request being written, as the body (X-File-Name), at most 10 MiB: answers the reference the request form sends back; 413 too large, 415 another kind, 429 too many", tag: "portal", response: (200, nil)),
        Operation(method: "post", path: "/api/v1/receipts/verify", summary: "Checks a receipt (the JSON the portal hands out, as the body): result holds (the record still extends the chain it names), forged (not the desk's signature), changed (the record was altered after) or missing", tag: "portal", response: (200, nil)),
        Operation(method: "get", path: "/api/v1/api-tokens", summary: "API tokens (admins)", tag: "admin", response: (200, "TokenList")),
        Operation(method: "post", path: "/api/v1/api-tokens", summary: "Create an API token; the secret is shown once", tag: "admin", request: "CreateToken", response: (201, "APIToken")),
        Operation(method: "delete", path: "/api/v1/api-tokens/{id}", summary: "Revoke an API token", tag: "admin", response: (200, "APIToken")),
    ]

    /// The document, as canonical JSON text.
    static func render(version: String) -> String {
        var paths: [String: JSONValue] = [:]
        for operation in operations {
            var item = paths[operation.path]?.objectValue ?? [:]
            item[operation.method] = describe(operation)
            paths[operation.path] = .object(item)
        }
        let document: JSONValue = [
            "openapi": "3.1.0",
            "info": [
                "title": "Switchboard API",
                "version": .string(version),
                "description": "The JSON API of a Switchboard desk. Errors are {\"error\": {\"code\", \"message\", \"field\"}}. Cookie-authenticated changes need the X-CSRF-Token header.",
            ],
            "paths": .object(paths),
            "components": [
                "securitySchemes": [
                    "session": ["type": "apiKey", "in": "cookie", "name": "sb_session"],
                    "apiToken": ["type": "http", "scheme": "bearer", "description": "An API token (sb_…) created by an admin"],
                ],
                "schemas": .object(schemas),
            ],
        ]
        return document.canonical
    }

    private static func describe(_ operation: Operation) -> JSONValue {
        var parameters: [JSONValue] = []
        for name in ["number", "id"] where operation.path.contains("{\(name)}") {
            parameters.append(["name": .string(name), "in": "path", "required": true, "schema": ["type": "integer", "minimum": 1]])
        }
        for (name, description) in operation.query {
            parameters.append(["name": .string(name), "in": "query", "required": .bool(name == "q"), "description": .string(description), "schema": ["type": "string"]])
        }
        var responses: [String: JSONValue] = [:]
        var success: [String: JSONValue] = ["description": "success"]
        if let schema = operation.response.schema {
            success["content"] = ["application/json": ["schema": ref(schema)]]
        }
        responses[String(operation.response.status)] = .object(success)
        let errors: [(Int, String)] = [(400, "malformed JSON or an invalid field"), (401, "not signed in"), (403, "not allowed"),
                                        (404, "not found, or not visible to you"), (409, "conflicting state or invalid transition"),
                                        (413, "body too large"), (415, "not JSON"), (429, "too many attempts")]
        for (status, description) in errors {
            responses[String(status)] = ["description": .string(description), "content": ["application/json": ["schema": ref("Error")]]]
        }
        var object: [String: JSONValue] = [
            "summary": .string(operation.summary), "tags": [.string(operation.tag)],
            "operationId": .string(operation.method + operation.path.replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "{", with: "").replacingOccurrences(of: "}", with: "")),
            "parameters": .array(parameters), "responses": .object(responses),
        ]
        object["security"] = operation.authenticated ? [["session": []], ["apiToken": []]] : []
        if let request = operation.request {
            object["requestBody"] = ["required": true, "content": ["application/json": ["schema": ref(request)]]]
        }
        return .object(object)
    }

    // MARK: Schemas

    private static func ref(_ name: String) -> JSONValue { ["$ref": .string("#/components/schemas/\(name)")] }
    private static let string: JSONValue = ["type": "string"]
    private static let integer: JSONValue = ["type": "integer"]
    private static let number: JSONValue = ["type": "number"]
    private static let boolean: JSONValue = ["type": "boolean"]
    private static let time: JSONValue = ["type": "string", "format": "date-time"]
    private static func nullable(_ schema: JSONValue) -> JSONValue { ["anyOf": [schema, ["type": "null"]]] }
    private static func array(_ items: JSONValue) -> JSONValue { ["type": "array", "items": items] }
    private static func oneOf(_ values: [String]) -> JSONValue { ["type": "string", "enum": .array(values.map { .string($0) })] }
    private static func object(_ properties: [String: JSONValue], required: [String] = []) -> JSONValue {
        ["type": "object", "properties": .object(properties), "required": .array(required.map { .string($0) })]
    }

    // What requests may hold: the limits the server enforces (`Limits`), stated for clients.

    /// Text of at most `characters` characters.
    private static func text(_ characters: Int) -> JSONValue { ["type": "string", "maxLength": .number(Double(characters))] }
    /// An id of a stored record.
    private static let id: JSONValue = ["type": "integer", "minimum": 1, "maximum": .number(Double(Int64.max))]
    private static let email: JSONValue = ["type": "string", "format": "email", "maxLength": .number(Double(Limits.email))]
    private static let languageTag: JSONValue = ["type": "string", "maxLength": 35, "pattern": "^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$"]
    private static let password: JSONValue = [
        "type": "string", "minLength": .number(Double(Limits.password.lowerBound)), "maxLength": .number(Double(Limits.password.upperBound)),
    ]
    private static let capacity: JSONValue = [
        "type": "integer", "minimum": .number(Double(Limits.capacity.lowerBound)), "maximum": .number(Double(Limits.capacity.upperBound)),
    ]
    private static func list(_ items: JSONValue, most: Int) -> JSONValue { ["type": "array", "items": items, "maxItems": .number(Double(most))] }
    /// A request whose every key matters: one it does not know is refused, not ignored.
    private static func closed(_ schema: JSONValue) -> JSONValue {
        guard case .object(var object) = schema else { return schema }
        object["additionalProperties"] = false
        return .object(object)
    }

    private static let schemas: [String: JSONValue] = {
        let status = oneOf(TicketStatus.allCases.map(\.rawValue))
        let priority = oneOf(Priority.allCases.map(\.rawValue))
        let channel = oneOf(Channel.allCases.map(\.rawValue))
        let visibility = oneOf(["public", "internal"])
        let role = oneOf(Agent.Role.allCases.map(\.rawValue))
        let problem = object(["whatHappened": nullable(string), "when": nullable(string), "expectation": nullable(string)])
        let summary = object(["id": integer, "name": string], required: ["id", "name"])
        let agentSummary = object(["id": integer, "number": integer, "name": string], required: ["id", "number", "name"])
        let hours = object([
            "timeZone": text(64),
            "days": array(array(object(["start": integer, "end": integer], required: ["start", "end"]))),
        ], required: ["timeZone", "days"])
        var schemas: [String: JSONValue] = [
            "Error": object(["error": object(["code": string, "message": string, "field": nullable(string)], required: ["code", "message", "field"])], required: ["error"]),
            "Status": object(["status": string], required: ["status"]),
            "Readiness": object(["status": string, "database": string, "schemaVersion": nullable(integer), "expectedSchemaVersion": nullable(integer)]),
            "Ticket": object([
                "number": integer, "subject": string, "status": status, "channel": channel, "language": nullable(string),
                "customer": summary, "team": nullable(summary), "assignee": nullable(agentSummary),
                "problem": object(["whatHappened": nullable(string), "when": nullable(string), "expectation": nullable(string), "missing": array(string)]),
                "followUpOf": nullable(integer), "createdAt": time, "updatedAt": time, "priority": priority, "category": nullable(string),
                "merchant": nullable(summary), "tags": array(string), "fields": ["type": "object"],
            ], required: ["number", "subject", "status", "customer", "createdAt", "updatedAt"]),
            "TicketList": object(["tickets": array(ref("Ticket")), "nextCursor": nullable(string)], required: ["tickets", "nextCursor"]),
            "Message": object([
                "id": integer, "visibility": visibility, "body": string, "createdAt": time,
                "author": object(["kind": oneOf(["customer", "agent", "bot", "system"]), "id": nullable(integer), "name": nullable(string), "agentNumber": nullable(integer)]),
                "attachments": array(ref("Attachment")), "analysis": ref("Analysis"),
            ], required: ["id", "visibility", "body", "author", "createdAt"]),
            "Analysis": object([
                "state": oneOf(["pending", "done"]), "correctedIntent": nullable(string), "language": string, "languageConfidence": number,
                "intents": array(object(["label": string, "confidence": number], required: ["label", "confidence"])), "outOfScope": boolean,
                "polarity": oneOf(MessageAnalysis.Polarity.allCases.map(\.rawValue)), "sentiment": number, "anger": number, "urgent": boolean,
                "handoff": object(["requested": boolean, "recommended": boolean, "reasons": array(string), "phrase": nullable(string)]),
                "entities": array(object(["kind": string, "text": string, "value": string], required: ["kind", "text", "value"])),
                "problem": object([
                    "whatHappened": nullable(string), "when": nullable(string), "whenText": nullable(string), "expectation": nullable(string),
                    "missing": array(oneOf(["what-happened", "when", "expectation"])),
                ]),
                "modelVersion": string,
            ], required: ["state"]),
            "Attachment": object(["name": string, "contentType": string, "size": integer, "sha256": nullable(string)], required: ["name", "contentType", "size"]),
            "MessageList": object(["messages": array(ref("Message"))], required: ["messages"]),
            "TicketWithMessage": object(["ticket": ref("Ticket"), "message": nullable(ref("Message"))], required: ["ticket"]),
            "Event": object([
                "sequence": integer, "kind": oneOf(EventKind.known.map(\.rawValue)), "data": ["type": "object"], "createdAt": time,
                "actor": nullable(object(["kind": string, "id": nullable(integer)])), "names": ["type": "object"],
                "previousHash": nullable(string), "hash": nullable(string),
            ], required: ["sequence", "kind", "data", "createdAt"]),
            "EventList": object(["events": array(ref("Event"))], required: ["events"]),
            "ChainVerification": object([
                "number": integer, "valid": boolean, "events": nullable(integer), "head": nullable(string),
                "firstInvalidEvent": nullable(object(["sequence": integer, "eventID": integer, "reason": string])),
            ], required: ["number", "valid"]),
            "SearchResults": object(["query": string, "results": array(object(["ticket": ref("Ticket"), "score": number]))], required: ["query", "results"]),
            "StatusCounts": object(Dictionary(uniqueKeysWithValues: TicketStatus.allCases.map { ($0.rawValue, integer) })),
            "ContactIdentity": object(["kind": oneOf(ContactIdentity.Kind.allCases.map(\.rawValue)), "value": text(Limits.email)], required: ["kind", "value"]),
            "Customer": object([
                "id": integer, "name": string, "language": nullable(string), "tier": nullable(string),
                "identities": array(ref("ContactIdentity")), "mergedInto": nullable(integer), "createdAt": time,
                "unverifiedEmail": nullable(string),
            ], required: ["id", "name", "identities"]),
            "Organization": object(["id": integer, "name": string, "kind": oneOf(["platform", "merchant"]), "createdAt": time], required: ["id", "name", "kind"]),
            "OrganizationList": object(["organizations": array(ref("Organization"))]),
            "Team": object(["id": integer, "organizationId": integer, "name": string, "timeZone": string, "hours": hours, "openNow": boolean, "createdAt": time], required: ["id", "name", "hours"]),
            "TeamList": object(["teams": array(ref("Team"))]),
            "Agent": object([
                "id": integer, "organizationId": integer, "number": integer, "name": string, "email": string, "role": role,
                "teamIds": array(integer), "skills": array(string), "languages": array(string), "capacity": integer,
                "presence": oneOf(Agent.Presence.allCases.map(\.rawValue)), "active": boolean, "createdAt": time,
            ], required: ["id", "number", "name", "email", "role"]),
            "AgentList": object(["agents": array(ref("Agent"))]),
            "CustomField": object([
                "key": ["type": "string", "pattern": "^[a-z][a-z0-9_]{0,39}$"], "label": text(80),
                "type": oneOf(CustomFieldDefinition.FieldType.allCases.map(\.rawValue)), "choices": list(text(80), most: 100),
            ], required: ["key", "label", "type"]),
            "FieldList": object(["fields": array(ref("CustomField"))]),
            "APIToken": object([
                "id": integer, "organizationId": integer, "name": string, "prefix": string, "scopes": array(oneOf(APIScope.allCases.map(\.rawValue))),
                "createdAt": time, "lastUsedAt": nullable(time), "revokedAt": nullable(time), "token": nullable(string),
            ], required: ["id", "name", "scopes"]),
            "TokenList": object(["tokens": array(ref("APIToken"))]),
            "Session": object([
                "kind": oneOf(["agent", "customer", "integration"]), "agent": nullable(ref("Agent")), "customer": nullable(ref("Customer")), "csrfToken": nullable(string),
            ], required: ["kind"]),
        ]
        let problemPart = nullable(text(Limits.problemPart))
        let problemChange = object(["whatHappened": problemPart, "when": problemPart, "expectation": problemPart])
        let tags = list(text(Limits.tag), most: Limits.tagsPerTicket)
        let skills = list(text(Limits.skill), most: Limits.skillsPerAgent)
        let languages = list(languageTag, most: Limits.languagesPerAgent)
        let requests: [String: JSONValue] = [
            "SignIn": object(["email": text(Limits.email), "password": text(Limits.password.upperBound)], required: ["email", "password"]),
            "IdentitySignIn": object([
                "externalId": text(Limits.name), "email": email, "name": text(Limits.name), "issuedAt": ["type": "integer", "minimum": 1],
                "signature": ["type": "string", "pattern": "^[0-9a-fA-F]{64}$"], "language": languageTag,
            ], required: ["externalId", "issuedAt", "signature"]),
            "MagicLink": object(["email": email], required: ["email"]),
            "RedeemMagicLink": object(["token": text(SignIn.maxTokenLength)], required: ["token"]),
            "CreateTicket": object([
                "customerId": id, "customer": object(["name": text(Limits.name), "email": email, "language": languageTag], required: ["name", "email"]),
                "subject": text(Limits.subject), "message": text(Limits.body), "messageVisibility": visibility, "channel": channel,
                "category": text(Limits.category), "priority": priority, "teamId": id, "assigneeId": id, "merchantId": id, "tags": tags,
                "fields": ["type": "object"], "problem": problemChange, "language": languageTag,
            ], required: ["subject"]),
            "AddMessage": object([
                "body": text(Limits.body), "visibility": visibility, "attachments": list(ref("NewAttachment"), most: Limits.attachmentsPerMessage),
            ], required: ["body"]),
            "NewAttachment": object([
                "name": text(Limits.attachmentName), "contentType": text(100), "size": ["type": "integer", "minimum": 0, "maximum": .number(Double(Attachment.maxSize))],
                "sha256": ["type": "string", "pattern": "^[0-9a-fA-F]{64}$"],
            ], required: ["name", "contentType", "size"]),
            "Assign": closed(object(["assigneeId": nullable(id)], required: ["assigneeId"])),
            "Transfer": closed(object(["teamId": id, "reason": text(Limits.reason), "assigneeId": id], required: ["teamId", "reason"])),
            "StatusChange": closed(object(["status": status], required: ["status"])),
            "CorrectIntent": object(["intent": text(Limits.category)], required: ["intent"]),
            "UpdateTicket": object(["priority": priority, "tags": tags, "fields": ["type": "object"], "category": nullable(text(Limits.category)), "problem": problemChange]),
            "CreateCustomer": object([
                "name": text(Limits.name), "language": languageTag, "tier": text(40), "identities": list(ref("ContactIdentity"), most: Limits.identitiesPerCustomer),
            ], required: ["name"]),
            "Merge": object(["sourceId": id], required: ["sourceId"]),
            "CreateOrganization": object(["name": text(Limits.name), "kind": oneOf(["platform", "merchant"])], required: ["name", "kind"]),
            "TeamChange": object(["organizationId": id, "name": text(Limits.name), "hours": hours]),
            "CreateAgent": object([
                "organizationId": id, "name": text(Limits.name), "email": email, "role": role, "password": password, "teamIds": array(id),
                "skills": skills, "languages": languages, "capacity": capacity,
            ], required: ["name", "email", "role"]),
            "UpdateAgent": object([
                "name": text(Limits.name), "role": role, "teamIds": array(id), "skills": skills, "languages": languages,
                "capacity": capacity, "presence": oneOf(Agent.Presence.allCases.map(\.rawValue)), "active": boolean, "password": password,
            ]),
            "Routing": object([
                "version": ["type": "integer", "minimum": 0], "defaultTeamId": nullable(id),
                "rules": list(object([
                    "name": text(Limits.name),
                    "conditions": object([
                        "topics": array(text(Limits.category)), "channels": array(channel), "languages": array(languageTag),
                        "tiers": array(text(Limits.category)), "merchantIds": array(id), "priorities": array(priority), "keywords": array(text(Limits.category)),
                    ]),
                    "actions": object(["teamId": nullable(id), "priority": nullable(priority), "tags": tags]),
                ], required: ["name", "actions"]), most: RoutingSettings.maxRules),
                "overflow": array(object([
                    "fromTeamId": id, "toTeamId": id, "afterMinutes": ["type": "number", "minimum": 1, "maximum": 10_080],
                ], required: ["fromTeamId", "toTeamId", "afterMinutes"])),
            ], required: ["version", "rules"]),
            "Commitment": object([
                "id": string, "text": string, "dueAt": time, "state": oneOf(["open", "kept", "missed"]), "note": string,
            ], required: ["id", "text", "dueAt", "state"]),
            "CommitmentList": object(["commitments": array(ref("Commitment"))], required: ["commitments"]),
            "Notifications": object([
                "unread": integer,
                "notifications": array(object([
                    "id": integer, "kind": oneOf(NotificationKind.allCases.map(\.rawValue)), "ticketNumber": integer, "createdAt": time, "read": boolean,
                    "detail": ["type": "object"],
                ], required: ["id", "kind", "ticketNumber", "createdAt", "read"])),
            ], required: ["unread", "notifications"]),
            "Marked": object(["marked": integer], required: ["marked"]),
            "TicketSLA": object([
                "number": integer, "policy": nullable(string),
                "clocks": array(object([
                    "target": oneOf(SLATarget.allCases.map(\.rawValue)), "state": oneOf(["running", "paused", "met", "breached"]),
                    "startedAt": time, "dueAt": time, "warningAt": time, "endedAt": time, "limitMinutes": number, "elapsedMinutes": number,
                ], required: ["target", "state", "startedAt", "limitMinutes", "elapsedMinutes"])),
            ], required: ["number", "policy", "clocks"]),
            "SLAPolicies": object([
                "version": ["type": "integer", "minimum": 0],
                "policies": list(object([
                    "name": text(Limits.name),
                    "conditions": object([
                        "priorities": array(priority), "tiers": array(text(Limits.category)), "channels": array(channel),
                        "categories": array(text(Limits.category)), "merchantIds": array(id),
                    ]),
                    "targets": [
                        "type": "object", "description": "minutes per target",
                        "propertyNames": oneOf(SLATarget.allCases.map(\.rawValue)),
                        "additionalProperties": ["type": "number", "minimum": 1, "maximum": 527_040],
                    ],
                    "businessTime": boolean, "pausedWhile": array(oneOf([TicketStatus.pendingCustomer.rawValue, TicketStatus.onHold.rawValue])),
                    "warningShare": ["type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1],
                    "escalation": array(oneOf(SLAEscalation.allCases.map(\.rawValue))),
                ], required: ["name", "targets"]), most: SLASettings.maxPolicies),
                "holidays": ["type": "object", "description": "days off per team id", "additionalProperties": list(["type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"], most: 366)],
            ], required: ["version", "policies"]),
            "CreateCommitment": object([
                "text": text(Limits.commitment),
                "dueAt": ["type": "string", "format": "date-time", "maxLength": 40, "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+(Z|[+-][0-9]{2}:[0-9]{2})$"],
            ], required: ["text", "dueAt"]),
            "KeepCommitment": object(["note": text(Limits.commitment)]),
            "Presence": object(["presence": oneOf(Agent.Presence.allCases.map(\.rawValue))], required: ["presence"]),
            "ReadNotifications": object(["upTo": integer]),
            "CreateToken": object(["name": text(Limits.name), "organizationId": id, "scopes": array(oneOf(APIScope.allCases.map(\.rawValue)))], required: ["name", "scopes"]),
        ]
        schemas.merge(requests) { first, _ in first }
        return schemas
    }()
}

extension JSONValue {
    var objectValue: [String: JSONValue]? {
        guard case .object(let object) = self else { return nil }
        return object
    }
}
