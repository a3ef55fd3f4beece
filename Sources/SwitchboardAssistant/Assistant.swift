import Foundation
import SwitchboardCore

/// The assistant: reads one customer message and says what it is about, how the customer feels,
/// whether they want a person, and what details it holds. Pure, deterministic, no network.
public struct Assistant: Sendable {
    public let model: IntentModel

    public init(model: IntentModel) {
        self.model = model
    }

    /// Everything the assistant learns from one message.
    public struct Analysis: Sendable {
        public var classification: IntentModel.Classification
    }

    public func analyze(_ text: String) -> Analysis {
        Analysis(classification: model.classify(text))
    }
}
