import Foundation

extension MessageAnalysis {
    /// The analysis as stored beside its message (canonical JSON, keys as in the API).
    public var json: JSONValue {
        [
            "language": .string(language), "languageConfidence": .number(languageConfidence),
            "intents": .array(intents.map { ["label": .string($0.label), "confidence": .number($0.confidence)] }),
            "outOfScope": .bool(outOfScope), "polarity": .string(polarity.rawValue), "sentiment": .number(sentiment), "anger": .number(anger),
            "personRequested": .bool(personRequested), "handoffRecommended": .bool(handoffRecommended),
            "handoffReasons": .array(handoffReasons.map { .string($0) }), "handoffPhrase": .optional(handoffPhrase), "urgent": .bool(urgent),
            "entities": .array(entities.map { ["kind": .string($0.kind), "text": .string($0.text), "value": .string($0.value)] }),
            "problem": [
                "whatHappened": .optional(problem.whatHappened), "when": .optional(problem.when), "whenText": .optional(problem.whenText),
                "expectation": .optional(problem.expectation), "missing": .array(problem.missing.map { .string($0) }),
            ],
            "modelVersion": .string(modelVersion),
        ]
    }

    /// Reads a stored analysis back; nil when it does not read (the caller reports the damage).
    public init?(json: JSONValue) {
        func strings(_ value: JSONValue?) -> [String]? {
            guard case .array(let values)? = value else { return nil }
            let texts = values.compactMap(\.stringValue)
            return texts.count == values.count ? texts : nil
        }
        func number(_ key: String) -> Double? { json[key]?.numberValue }
        func bool(_ key: String) -> Bool? {
            if case .bool(let value)? = json[key] { return value }
            return nil
        }
        guard let language = json["language"]?.stringValue, let languageConfidence = number("languageConfidence"),
              case .array(let rawIntents)? = json["intents"], let outOfScope = bool("outOfScope"),
              let polarity = json["polarity"]?.stringValue.flatMap(Polarity.init(rawValue:)), let sentiment = number("sentiment"),
              let anger = number("anger"), let personRequested = bool("personRequested"), let handoffRecommended = bool("handoffRecommended"),
              let handoffReasons = strings(json["handoffReasons"]), let urgent = bool("urgent"), case .array(let rawEntities)? = json["entities"],
              let problem = json["problem"], let missing = strings(problem["missing"]), let modelVersion = json["modelVersion"]?.stringValue
        else { return nil }
        var intents: [IntentScore] = []
        for intent in rawIntents {
            guard let label = intent["label"]?.stringValue, let confidence = intent["confidence"]?.numberValue else { return nil }
            intents.append(IntentScore(label: label, confidence: confidence))
        }
        var entities: [Entity] = []
        for entity in rawEntities {
            guard let kind = entity["kind"]?.stringValue, let text = entity["text"]?.stringValue, let value = entity["value"]?.stringValue else { return nil }
            entities.append(Entity(kind: kind, text: text, value: value))
        }
        self.init(
            language: language, languageConfidence: languageConfidence, intents: intents, outOfScope: outOfScope, polarity: polarity,
            sentiment: sentiment, anger: anger, personRequested: personRequested, handoffRecommended: handoffRecommended,
            handoffReasons: handoffReasons, handoffPhrase: json["handoffPhrase"]?.stringValue, urgent: urgent, entities: entities,
            problem: Problem(
                whatHappened: problem["whatHappened"]?.stringValue, when: problem["when"]?.stringValue, whenText: problem["whenText"]?.stringValue,
                expectation: problem["expectation"]?.stringValue, missing: missing
            ),
            modelVersion: modelVersion
        )
    }
}
