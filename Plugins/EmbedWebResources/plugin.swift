import Foundation
import PackagePlugin

/// Compiles a target's page templates, stylesheets and scripts (`.mustache`, `.css`, `.js`) into
/// Swift source, so the single `switchboard` binary carries them while they stay real files to
/// edit, lint and diff. Rebuilt whenever one of them changes.
@main
struct EmbedWebResources: BuildToolPlugin {
    static let extensions: Set<String> = ["mustache", "css", "js"]

    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        let inputs = target.sourceFiles.map(\.url).filter { Self.extensions.contains($0.pathExtension) }.sorted { $0.path < $1.path }
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("EmbeddedResources.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) web resources of \(target.name)",
                executable: try context.tool(named: "EmbedResources").url,
                arguments: [output.path] + inputs.map(\.path),
                inputFiles: inputs,
                outputFiles: [output]
            ),
        ]
    }
}
