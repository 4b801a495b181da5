import ArgumentParser

@main
struct Inbeeld: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inbeeld",
        abstract: "Prepare video for coaching children's interactions: check, cut, stills and sheets.",
        discussion: "Everything stays on this computer. Original recordings are never changed.",
        version: "0.1.0",
        subcommands: [Demo.self, Info.self, Check.self, Stills.self, Cut.self, Sheet.self, Prepare.self, Markers.self, Overview.self, Serve.self,
                      CheatSheetCommand.self]
    )
}
