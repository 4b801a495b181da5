import ArgumentParser
import Foundation
import InBeeldCoaching

extension Inbeeld {
    struct Demo: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a demo folder to try InBeeld on: a 6-minute demo recording and a prepared session.",
            discussion: """
                The recording (speelhoek.mp4) is a moving test picture with a frame counter and a beep every \
                second, made on this computer; the session (speelhoek.session.json) has a fragment, a focus \
                child and six contact initiatives. Files already in the folder are kept. Then: \
                inbeeld serve FOLDER.
                """
        )

        @Argument(help: "The folder to make (default: InBeeld-demo in the current folder).")
        var folder: String = "InBeeld-demo"

        @OptionGroup var options: LanguageOptions

        func run() throws {
            let language = options.language
            Interruption.install()
            let display = standardErrorIsTerminal ? RateDisplay() : nil
            let result: DemoFolder.Result
            do {
                result = try DemoFolder.make(in: folder, today: SessionOverview.today(), language: language,
                                             progress: { display?.update($0) }, isCancelled: { Interruption.requested })
            } catch {
                display?.finish()
                printError("inbeeld: \(error.message)\n")
                throw ExitCode(error.cancelled ? 130 : 1)
            }
            display?.finish()
            let shown = folder.contains(" ") ? "\"\(folder)\"" : folder
            let made = language.say(Words.made), kept = language.say(Words.alreadyThereKept)
            print(language.say(Words.demoIsReady(in: folder)))
            print("  \(DemoFolder.recordingName)           "
                  + language.say(Words.demoRecordingDescription)
                  + " (\(result.madeRecording ? made : kept))")
            print("  \(DemoFolder.sessionName)  "
                  + language.say(Words.demoSessionDescription)
                  + " (\(result.madeSession ? made : kept))")
            print(language.say(Words.nowTry))
            print("  inbeeld check \(shown)")
            print("  inbeeld serve \(shown)")
        }
    }
}
