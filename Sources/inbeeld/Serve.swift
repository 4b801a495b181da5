import ArgumentParser
import Foundation
import InBeeldCoaching
import InBeeldServe

extension Inbeeld {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Open the coach's page: watch recordings and mark contact initiatives in the browser.",
            discussion: """
                Serves the recordings of FOLDER on this computer only (127.0.0.1) and prints the address to \
                open; the address holds a key that changes each time. Sessions are saved beside the \
                recordings (NAME.session.json), results of Prepare in NAME-inbeeld/. Stop with Ctrl-C.
                """
        )

        @Argument(help: "The folder with the recordings (default: the current folder).")
        var folder: String = "."

        @Option(help: "The port to listen on (default: \(CoachServer.ownPort), or any free port when that one is taken).")
        var port: Int?

        @OptionGroup var options: LanguageOptions

        func validate() throws {
            guard (0...65535).contains(port ?? 0) else { throw ValidationError(options.language.say(Words.portRange)) }
        }

        func run() async throws {
            let language = options.language
            let server = CoachServer(folder: folder, port: port, language: language)
            Interruption.install(stopping: { server.stop() })
            do {
                try await server.run { address in
                    // Unbuffered: a program that started this one reads the address at once.
                    let text = language.say(Words.openInTheBrowser(address))
                    FileHandle.standardOutput.write(Data(text.utf8))
                    // Session files are written beside the recordings.
                    noteExposure(of: folder, language: language)
                }
            } catch ServeError.folderMissing(let f) {
                printError("inbeeld: " + language.say(Words.noSuchRecordingsFolder(f)) + "\n")
                throw ExitCode(64)
            } catch ServeError.portInUse(let port) {
                printError("inbeeld: " + language.say(Words.portInUse(port)) + "\n")
                throw ExitCode(1)
            } catch {
                printError("inbeeld: " + language.say(Words.pageCannotStart(because: phrase(for: error))) + "\n")
                throw ExitCode(1)
            }
        }
    }
}
