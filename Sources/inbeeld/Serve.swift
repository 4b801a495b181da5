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

        @Option(help: "The port to listen on (default: any free port).")
        var port: Int = 0

        @OptionGroup var options: LanguageOptions

        func validate() throws {
            guard (0...65535).contains(port) else { throw ValidationError("--port must be 0 to 65535.") }
        }

        func run() async throws {
            let language = options.language
            let server = CoachServer(folder: folder, port: port, language: language)
            do {
                try await server.run { address in
                    // Unbuffered: a program that started this one reads the address at once.
                    let text = language.pick(nl: "Open in de browser: \(address)\nAlleen op deze computer te zien. Stoppen: Ctrl-C.\n",
                                             en: "Open in your browser: \(address)\nOnly this computer can see it. Stop with Ctrl-C.\n")
                    FileHandle.standardOutput.write(Data(text.utf8))
                }
            } catch ServeError.folderMissing(let f) {
                printError("inbeeld: " + language.pick(nl: "\(f) is geen map die bestaat. Geef de map met de opnamen.",
                                                        en: "\(f) is not a folder that exists. Name the folder with the recordings.") + "\n")
                throw ExitCode(64)
            } catch ServeError.portInUse {
                printError("inbeeld: " + language.pick(nl: "poort \(port) is al in gebruik door een ander programma. Kies een andere --port, of laat --port weg.",
                                                        en: "port \(port) is already used by another program. Choose another --port, or leave --port out.") + "\n")
                throw ExitCode(1)
            } catch {
                printError("inbeeld: " + language.pick(nl: "de pagina kan niet starten: \(error).", en: "the page cannot start: \(error).") + "\n")
                throw ExitCode(1)
            }
        }
    }
}
