import Foundation

/// Train on one file, test on another, and measure: what `switchboard assistant eval` prints.
public struct EvaluationRun: Sendable {
    public var report: EvaluationReport
    public var trainingExamples: Int
    public var trainingSeconds: Double
    public var modelBytes: Int
    /// Latency of one full analysis (intent, language, handoff, sentiment, entities, problem), in
    /// microseconds: percentiles over the test texts of each text's median of three runs.
    public var latencyP50: Double
    public var latencyP99: Double
    public var model: IntentModel
    /// The language the dataset is written in, and the share of test texts identified as it.
    public var expectedLanguage: Language?
    public var languageAccuracy: Double?

    public static func run(
        format: DatasetFormat, train: URL, test: URL, validation: URL?, options: IntentTrainer.Options = .init()
    ) throws -> EvaluationRun {
        let training = try format.read(train)
        let testing = try format.read(test)
        let validating = try validation.map(format.read)
        guard !training.isEmpty, !testing.isEmpty else { throw AssistantError.unreadableDataset("no examples found") }
        let clock = ContinuousClock()
        let start = clock.now
        let model = try IntentTrainer(options: options).train(training, validation: validating)
        let trainingTime = clock.now - start
        let bytes = try model.fileData().count
        let report = EvaluationReport.evaluate(model, on: testing)
        let assistant = Assistant(model: model)
        // Warm up first (lazily built word lists, caches, allocator), as a running desk would be.
        for example in testing.prefix(200) { _ = assistant.analyze(example.text, retrieve: false) }
        // Each text is analysed three times and its median kept: a shared machine's scheduler
        // hiccups then do not pass for the cost of a message.
        var latencies: [Duration] = []
        latencies.reserveCapacity(testing.count)
        for example in testing {
            var runs: [Duration] = []
            for _ in 0..<3 {
                let begin = clock.now
                _ = assistant.analyze(example.text, retrieve: false)
                runs.append(clock.now - begin)
            }
            latencies.append(runs.sorted()[1])
        }
        latencies.sort()
        var languageAccuracy: Double?
        if let expected = format.language {
            let identifier = LanguageIdentifier()
            let right = testing.reduce(0) { $0 + (identifier.identify($1.text).language == expected ? 1 : 0) }
            languageAccuracy = Double(right) / Double(testing.count)
        }
        func microseconds(_ fraction: Double) -> Double {
            let duration = latencies[min(latencies.count - 1, Int(Double(latencies.count) * fraction))]
            return Double(duration.components.seconds) * 1e6 + Double(duration.components.attoseconds) / 1e12
        }
        return EvaluationRun(
            report: report, trainingExamples: training.count,
            trainingSeconds: Double(trainingTime.components.seconds) + Double(trainingTime.components.attoseconds) / 1e18,
            modelBytes: bytes, latencyP50: microseconds(0.5), latencyP99: microseconds(0.99), model: model,
            expectedLanguage: format.language, languageAccuracy: languageAccuracy
        )
    }
}
