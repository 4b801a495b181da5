import Synchronization

/// A value shared between threads, behind a lock: read, written or changed in place as a whole.
public final class Locked<Value: Sendable>: Sendable {
    private let storage: Mutex<Value>
    public init(_ value: Value) { storage = Mutex(value) }
    public var value: Value {
        get { storage.withLock { $0 } }
        set { storage.withLock { $0 = newValue } }
    }
    /// Changes the value in place, under the lock.
    public func update(_ change: (inout Value) -> Void) { storage.withLock { change(&$0) } }
}
