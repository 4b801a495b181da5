import InBeeldCoaching

/// A recording opened for the jobs as a command opens it (messages in English); throws what opening says.
func openedRecording(_ path: String) throws -> Recording { try Recording.open(path, language: .en).get() }
