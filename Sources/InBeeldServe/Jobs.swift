import Foundation
import Synchronization

/// Long media work the page starts (a browser copy, preparing a session), one at a time on a thread of
/// its own, with progress the page asks for.
final class JobBoard: Sendable {
    struct Status: Codable, Sendable {
        enum State: String, Codable, Sendable { case waiting, running, done, failed }
        var id: String
        var kind: String
        var recording: String
        var state: State
        var stage: String
        var fraction: Double
        var messages: [String]
        /// Results, as paths inside the served folder.
        var files: [String]
    }

    /// The work: reports (stage, fraction) and asks whether to stop; returns the files it made.
    typealias Work = @Sendable (_ report: @escaping @Sendable (String, Double) -> Void,
                                _ isCancelled: @escaping @Sendable () -> Bool) throws(JobFailure) -> [String]

    struct JobFailure: Error, Sendable {
        var messages: [String]
        init(_ messages: [String]) { self.messages = messages }
    }

    private let jobs = Mutex<[String: Status]>([:])
    private let stopping = Atomic<Bool>(false)
    private let queue = DispatchQueue(label: "inbeeld.jobs")
    private let idle = DispatchGroup()

    /// Starts `work` unless a job with the same kind and recording waits or runs: then that one.
    func start(kind: String, recording: String, work: @escaping Work) -> Status {
        let id = "\(kind)-\(UUID().uuidString.prefix(8).lowercased())"
        let (status, isNew) = jobs.withLock { all -> (Status, Bool) in
            if let busy = all.values.first(where: { $0.kind == kind && $0.recording == recording && ($0.state == .waiting || $0.state == .running) }) {
                return (busy, false)
            }
            let s = Status(id: id, kind: kind, recording: recording, state: .waiting, stage: "", fraction: 0, messages: [], files: [])
            all[id] = s
            return (s, true)
        }
        guard isNew else { return status }
        idle.enter()
        queue.async { [self] in
            defer { idle.leave() }
            update(id) { $0.state = .running }
            do throws(JobFailure) {
                let files = try work({ stage, fraction in self.update(id) { $0.stage = stage; $0.fraction = fraction } },
                                     { self.stopping.load(ordering: .relaxed) })
                update(id) { $0.state = .done; $0.fraction = 1; $0.files = files }
            } catch {
                update(id) { $0.state = .failed; $0.messages = error.messages }
            }
        }
        return status
    }

    func status(_ id: String) -> Status? { jobs.withLock { $0[id] } }

    /// Asks running work to stop and waits for it (ten seconds at most), so nothing is left half-written.
    /// The wait holds no thread.
    func stopAll() async {
        stopping.store(true, ordering: .relaxed)
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let once = ResumeOnce(continuation)
            idle.notify(queue: .global()) { once.resume() }
            DispatchQueue.global().asyncAfter(deadline: .now() + 10) { once.resume() }
        }
    }

    private func update(_ id: String, _ change: (inout Status) -> Void) {
        jobs.withLock { all in if var s = all[id] { change(&s); all[id] = s } }
    }
}

/// A continuation resumed by whichever comes first (the work ending, or the time running out).
private final class ResumeOnce: Sendable {
    private let continuation: Mutex<CheckedContinuation<Void, Never>?>
    init(_ continuation: CheckedContinuation<Void, Never>) { self.continuation = Mutex(continuation) }
    func resume() { continuation.withLock { c in c?.resume(); c = nil } }
}
