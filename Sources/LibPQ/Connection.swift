import CLibPQ
import Foundation

/// One libpq connection. Every blocking libpq call runs on the connection's own thread
/// (`ConnectionThread`), never on Swift's cooperative pool or an event loop, so a slow query
/// holds one thread of ours and no executor. Use a connection from one task at a time (the
/// pool sees to that).
public final class Connection: @unchecked Sendable {
    // Touched only on `thread`, which serialises all use.
    private let pg: OpaquePointer
    private let thread: ConnectionThread
    /// The settings made in the transaction now open: its later statements with the same ones
    /// need not send them again, since they hold until it ends (the code uses no savepoints,
    /// which could undo them).
    private var settingsInTransaction: [Query.Setting]?
    private var preparedStatements: [StatementKey: String] = [:]

    /// A statement's text and parameter types: hashed as they are, not joined into a new string
    /// for every call.
    struct StatementKey: Hashable {
        let sql: String
        let types: [Oid]
    }
    /// Names are never reused, even after a statement is forgotten.
    private var statementsPrepared = 0
    private var closed = false

    /// How many distinct statements a connection keeps prepared; past that, statements run
    /// unprepared so that generated SQL cannot grow the server's memory without bound.
    static let preparedStatementLimit = 256

    private init(pg: OpaquePointer, thread: ConnectionThread) {
        self.pg = pg
        self.thread = thread
    }

    deinit {
        if !closed { PQfinish(pg) }
        thread.stop()
    }

    /// Opens a connection and applies the session settings the decoders rely on.
    public static func connect(_ configuration: ConnectionConfiguration) async throws -> Connection {
        let thread = ConnectionThread(name: "libpq")
        let pg: OpaquePointer
        do {
            pg = try await withCheckedThrowingContinuation { continuation in
                thread.async {
                    continuation.resume(with: Result { try openConnection(configuration) })
                }
            }
        } catch {
            thread.stop()
            throw error
        }
        let connection = Connection(pg: pg, thread: thread)
        do {
            try await connection.executeScript(configuration.sessionSetup)
        } catch {
            connection.close()
            throw error
        }
        return connection
    }

    private static func openConnection(_ configuration: ConnectionConfiguration) throws -> OpaquePointer {
        let pairs = configuration.keywordValues
        let keywords = pairs.map { strdup($0.0) } + [nil]
        let values = pairs.map { strdup($0.1) } + [nil]
        defer {
            keywords.forEach { free($0) }
            values.forEach { free($0) }
        }
        let pg = keywords.map { UnsafePointer($0) }.withUnsafeBufferPointer { k in
            values.map { UnsafePointer($0) }.withUnsafeBufferPointer { v in
                PQconnectdbParams(k.baseAddress, v.baseAddress, 1)
            }
        }
        guard let pg else { throw PostgresError.connectionFailed("libpq could not allocate a connection") }
        guard PQstatus(pg) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(pg)).oneLine
            PQfinish(pg)
            if message.contains("invalid") && (message.contains("URI") || message.contains("connection option")) {
                throw PostgresError.invalidConfiguration(message)
            }
            throw PostgresError.connectionFailed(message)
        }
        // The default notice processor prints NOTICEs ("… already exists, skipping") to stderr.
        PQsetNoticeProcessor(pg, { _, _ in }, nil)
        return pg
    }

    private func onQueue<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            thread.async {
                guard !self.closed else { return continuation.resume(throwing: PostgresError.connectionLost("the connection was closed")) }
                continuation.resume(with: Result(catching: body))
            }
        }
    }

    // MARK: Statements

    /// Runs one statement and returns its rows. Statements are prepared once per connection and
    /// reused, which saves the server a parse and plan per call.
    @discardableResult
    public func query(_ query: Query) async throws -> QueryResult {
        let query = query.withTaskSettings()
        return try await onQueue { try self.runPrepared(query) }
    }

    /// Runs one statement and returns how many rows it affected.
    @discardableResult
    public func execute(_ query: Query) async throws -> Int {
        try await self.query(query).affectedRows
    }

    /// Runs a script of one or more statements with the simple query protocol, as psql would:
    /// no parameters, so it is meant for migration files and fixed setup, never for values.
    public func executeScript(_ sql: String) async throws {
        try await onQueue {
            guard let result = PQexec(self.pg, sql) else { throw self.connectionError() }
            defer { PQclear(result) }
            // With several statements libpq returns the last result, or the first error.
            try self.check(result)
        }
    }

    /// One statement, on the connection's thread. A statement with settings outside a
    /// transaction goes as a pipeline of two with one sync, so that both share one implicit
    /// transaction and the settings hold for it alone.
    func runPrepared(_ query: Query) throws -> QueryResult {
        let status = PQtransactionStatus(pg)
        if status != PQTRANS_INTRANS { settingsInTransaction = nil }
        guard let settings = query.settingsStatement, !(status == PQTRANS_INTRANS && settingsInTransaction == query.settings) else {
            return try runPrepared(sql: query.sql, binds: query.binds)
        }
        if status == PQTRANS_IDLE {
            let result = try runPipeline([query])[0].get()
            // A BEGIN sent so: its settings hold for the whole transaction it opened.
            if PQtransactionStatus(pg) == PQTRANS_INTRANS { settingsInTransaction = query.settings }
            return result
        }
        _ = try runPrepared(sql: settings.sql, binds: settings.binds)
        settingsInTransaction = query.settings
        return try runPrepared(sql: query.sql, binds: query.binds)
    }

    private func runPrepared(sql: String, binds: [PostgresBind]) throws -> QueryResult {
        let (key, name) = try preparedName(sql: sql, binds: binds)
        return try withParameters(binds) { values, lengths, formats in
            let result: OpaquePointer?
            if let name {
                result = PQexecPrepared(pg, name, Int32(binds.count), values, lengths, formats, 0)
            } else {
                result = PQexecParams(pg, sql, Int32(binds.count), binds.map { Oid($0.type.rawValue) },
                                      values, lengths, formats, 0)
            }
            guard let result else { throw connectionError() }
            return try checked(result, key: key, name: name)
        }
    }

    /// The name of the prepared statement for `sql` with these parameter types, preparing it
    /// on first use; nil once the cache is full (the statement then runs unprepared).
    private func preparedName(sql: String, binds: [PostgresBind]) throws -> (key: StatementKey, name: String?) {
        let types = binds.map { Oid($0.type.rawValue) }
        let key = StatementKey(sql: sql, types: types)
        if let name = preparedStatements[key] { return (key, name) }
        guard preparedStatements.count < Self.preparedStatementLimit else { return (key, nil) }
        statementsPrepared += 1
        let name = "s\(statementsPrepared)"
        guard let prepared = PQprepare(pg, name, sql, Int32(binds.count), types) else { throw connectionError() }
        defer { PQclear(prepared) }
        try check(prepared)
        preparedStatements[key] = name
        return (key, name)
    }

    /// Wraps a statement's result, or throws its error.
    private func checked(_ result: OpaquePointer, key: StatementKey, name: String?) throws -> QueryResult {
        do {
            try check(result)
        } catch let error as PostgresError where error.sqlState == "0A000" {
            // "cached plan must not change result type": a table changed under a prepared
            // statement. Forget it so the next call prepares afresh.
            PQclear(result)
            if let name { forget(key: key, name: name) }
            throw error
        } catch {
            PQclear(result)
            throw error
        }
        return QueryResult(handle: result)
    }

    // MARK: Batches

    /// Runs independent statements, each in a transaction of its own, sent together in one
    /// libpq pipeline and answered in order: one round trip for the lot. An error in one
    /// statement affects only that statement.
    public func queryBatch(_ queries: [Query]) async -> [Result<QueryResult, any Error>] {
        if queries.count == 1 {
            do { return [.success(try await query(queries[0]))] } catch { return [.failure(error)] }
        }
        let statements = queries.map { $0.withTaskSettings() }
        do {
            return try await onQueue { self.runPipeline(statements) }
        } catch {
            return queries.map { _ in .failure(error) }
        }
    }

    /// Runs `work` on the connection's thread and returns at once. For the pool, which keeps a
    /// connection busy with batch after batch without going back to Swift's threads.
    func perform(_ work: @escaping @Sendable (Connection) -> Void) {
        thread.async { work(self) }
    }

    /// The pipeline itself; call on the connection's thread (from `perform`). `answered(i)` is
    /// called as each statement's answer arrives, so that the caller can time them.
    func runPipeline(
        _ queries: [Query], answered: (Int) -> Void = { _ in }
    ) -> [Result<QueryResult, any Error>] {
        var results = [Result<QueryResult, any Error>?](repeating: nil, count: queries.count)
        // Prepare new statements first, outside the pipeline; one that fails to prepare
        // (a syntax error) is answered now and not sent. A statement's settings go before it.
        var names: [[(key: StatementKey, name: String?)]?] = []
        for (i, query) in queries.enumerated() {
            do { names.append(try query.wire.map { try preparedName(sql: $0.sql, binds: $0.binds) }) } catch {
                names.append(nil)
                results[i] = .failure(error)
            }
        }
        guard PQenterPipelineMode(pg) == 1 else {
            return queries.map { _ in .failure(connectionError()) }
        }
        var sent: [Int] = []
        sending: for (i, query) in queries.enumerated() {
            guard let prepared = names[i] else { continue }
            for (statement, name) in zip(query.wire, prepared) {
                guard send(statement.sql, statement.binds, preparedAs: name.name) else { break sending }
            }
            // A sync after each statement (and its settings) gives it a transaction of its own,
            // so that one failing does not abort the ones after it.
            guard PQpipelineSync(pg) == 1 else { break }
            sent.append(i)
        }
        for i in sent {
            var answer: Result<QueryResult, any Error>?
            for (n, prepared) in names[i]!.enumerated() {
                var first: OpaquePointer?
                while let result = PQgetResult(pg) {
                    if first == nil { first = result } else { PQclear(result) }
                }
                guard let first else { answer = answer ?? .failure(connectionError()); continue }
                let outcome = Result { try self.checked(first, key: prepared.key, name: prepared.name) }
                // The settings' answer is dropped, unless it failed: then so did the statement.
                if n == names[i]!.count - 1 { answer = answer ?? outcome } else if case .failure = outcome { answer = outcome }
            }
            if let sync = PQgetResult(pg) { PQclear(sync) }
            answered(i)
            results[i] = answer ?? .failure(connectionError())
        }
        while let leftover = PQgetResult(pg) { PQclear(leftover) }
        PQexitPipelineMode(pg)
        return results.map { $0 ?? .failure(connectionError()) }
    }

    /// Independent statements from different callers, committed together: one pipeline with one
    /// sync at the end, which makes them one implicit transaction, so that they share one commit
    /// and its WAL flush
    /// (a pool of 4 connections otherwise commits at most 4 at a time where 16 clients commit 16).
    /// Each caller's statement is durable when answered, as alone. If anything fails (a statement,
    /// a deadlock the longer transaction ran into, a statement that refuses a transaction block),
    /// the batch is rolled back and every statement runs again alone, so each caller gets the
    /// answer it would have had alone. Call on the connection's thread. `answered(i)` is called
    /// as each statement's answer arrives (again for each, if they run again alone).
    func runCommittedTogether(
        _ queries: [Query], answered: (Int) -> Void = { _ in }
    ) -> [Result<QueryResult, any Error>] {
        guard queries.count > 1, PQtransactionStatus(pg) == PQTRANS_IDLE else { return runPipeline(queries, answered: answered) }
        // Each statement's settings go right before it: one transaction, but every statement
        // is answered under its own.
        var statements: [(sql: String, binds: [PostgresBind])] = [], owners: [Int] = [], mains: Set<Int> = []
        for (i, query) in queries.enumerated() {
            statements += query.wire
            owners += Array(repeating: i, count: query.wire.count)
            mains.insert(statements.count - 1)
        }
        var names: [(key: StatementKey, name: String?)] = []
        for (sql, binds) in statements {
            guard let prepared = try? preparedName(sql: sql, binds: binds) else { return runPipeline(queries, answered: answered) }
            names.append(prepared)
        }
        guard PQenterPipelineMode(pg) == 1 else { return runPipeline(queries, answered: answered) }
        var sentAll = true
        for ((sql, binds), prepared) in zip(statements, names) where sentAll {
            sentAll = send(sql, binds, preparedAs: prepared.name)
        }
        sentAll = sentAll && PQpipelineSync(pg) == 1
        // One result (and its terminating NULL) per statement, then the sync's.
        var results: [OpaquePointer] = []
        var failed = !sentAll
        if sentAll {
            for n in 0..<statements.count {
                guard let result = PQgetResult(pg) else { failed = true; break }
                while let extra = PQgetResult(pg) { PQclear(extra) }
                switch PQresultStatus(result) {
                case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY: break
                default: failed = true
                }
                results.append(result)
                if mains.contains(n) { answered(owners[n]) }
            }
        }
        // The sync's result, which also tells whether the commit went through.
        if sentAll, let sync = PQgetResult(pg) {
            if PQresultStatus(sync) != PGRES_PIPELINE_SYNC { failed = true }
            PQclear(sync)
        }
        while let leftover = PQgetResult(pg) { PQclear(leftover) }
        PQexitPipelineMode(pg)
        if failed || results.count != statements.count {
            results.forEach { PQclear($0) }
            if PQtransactionStatus(pg) != PQTRANS_IDLE, let r = PQexec(pg, "ROLLBACK") { PQclear(r) }
            return runPipeline(queries, answered: answered)
        }
        var answers: [Result<QueryResult, any Error>] = []
        for (n, (result, prepared)) in zip(results, names).enumerated() {
            if mains.contains(n) { answers.append(Result { try checked(result, key: prepared.key, name: prepared.name) }) } else { PQclear(result) }
        }
        return answers
    }

    /// Queues one statement in the pipeline: the prepared one if it has a name, else the text.
    private func send(_ sql: String, _ binds: [PostgresBind], preparedAs name: String?) -> Bool {
        withParameters(binds) { values, lengths, formats in
            if let name {
                return PQsendQueryPrepared(pg, name, Int32(binds.count), values, lengths, formats, 0)
            }
            return PQsendQueryParams(pg, sql, Int32(binds.count), binds.map { Oid($0.type.rawValue) },
                                     values, lengths, formats, 0)
        } == 1
    }

    private func forget(key: StatementKey, name: String) {
        preparedStatements[key] = nil
        // Inside a pipeline the old statement stays on the server until the session ends; its
        // name is never reused, so it does no harm.
        if PQpipelineStatus(pg) == PQ_PIPELINE_OFF, let r = PQexec(pg, "DEALLOCATE \(name)") { PQclear(r) }
    }

    /// Lays every parameter out in one buffer, text values NUL-terminated as libpq expects.
    private func withParameters<T>(
        _ binds: [PostgresBind],
        _ body: (UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?) throws -> T
    ) rethrows -> T {
        if binds.isEmpty { return try body(nil, nil, nil) }
        var storage: [UInt8] = []
        storage.reserveCapacity(binds.reduce(0) { $0 + ($1.bytes?.count ?? 0) + 1 })
        var offsets: [Int?] = []
        for bind in binds {
            guard let bytes = bind.bytes else { offsets.append(nil); continue }
            offsets.append(storage.count)
            storage.append(contentsOf: bytes)
            storage.append(0)
        }
        let lengths = binds.map { Int32($0.bytes?.count ?? 0) }
        let formats = binds.map { Int32($0.isBinary ? 1 : 0) }
        return try storage.withUnsafeBufferPointer { buffer in
            let base = UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self)
            let pointers: [UnsafePointer<CChar>?] = offsets.map { $0.map { base + $0 } }
            return try body(pointers, lengths, formats)
        }
    }

    /// Turns a failed result into a typed error; a result on a connection that has died is a
    /// lost connection, whatever the server last said.
    private func check(_ result: OpaquePointer) throws {
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY, PGRES_COPY_IN, PGRES_COPY_OUT:
            return
        default:
            if PQstatus(pg) == CONNECTION_BAD { throw connectionError() }
            throw PostgresError.classify(Self.fields(of: result))
        }
    }

    private func connectionError() -> PostgresError {
        let message = String(cString: PQerrorMessage(pg)).oneLine
        return .connectionLost(message.isEmpty ? "no answer from the server" : message)
    }

    static func fields(of result: OpaquePointer) -> ServerErrorFields {
        func field(_ code: Character) -> String? {
            guard let value = PQresultErrorField(result, Int32(code.asciiValue!)) else { return nil }
            return String(cString: value)
        }
        return ServerErrorFields(
            severity: field("V") ?? field("S") ?? "ERROR",
            sqlState: field("C") ?? "XX000",
            message: field("M") ?? String(cString: PQresultErrorMessage(result)).oneLine,
            detail: field("D"),
            hint: field("H"),
            position: field("P").flatMap { Int($0) },
            constraint: field("n"),
            table: field("t"),
            column: field("c"))
    }

    // MARK: State

    public enum TransactionStatus: Sendable {
        case idle, active, inTransaction, failedTransaction, unknown
    }

    /// Where the server's session stands.
    public func transactionStatus() async -> TransactionStatus {
        (try? await onQueue { self.currentTransactionStatus() }) ?? .unknown
    }

    /// The same, read without a hop to the thread. Only for a connection nobody is using (the
    /// pool's idle or just-returned ones), since it reads state the thread otherwise owns. The
    /// libpq calls involved only read memory or the socket without waiting.
    func currentTransactionStatus() -> TransactionStatus {
        guard !closed, PQstatus(pg) == CONNECTION_OK else { return .unknown }
        switch PQtransactionStatus(pg) {
        case PQTRANS_IDLE: return .idle
        case PQTRANS_ACTIVE: return .active
        case PQTRANS_INTRANS: return .inTransaction
        case PQTRANS_INERROR: return .failedTransaction
        default: return .unknown
        }
    }

    /// False once the server has gone away; for a connection nobody is using (the pool's idle
    /// ones), since it reads state the thread otherwise owns. Reads whatever the server sent while
    /// the connection sat idle (e.g. the FATAL of `pg_terminate_backend`) without waiting.
    func isAliveWhileUnused() -> Bool {
        guard !closed, PQstatus(pg) == CONNECTION_OK else { return false }
        // The first read takes a pending message; only the next one sees the end of the
        // stream. On a live idle socket both return at once.
        for _ in 0..<2 where PQconsumeInput(pg) == 0 { return false }
        return PQstatus(pg) == CONNECTION_OK
    }

    /// The server process serving this connection.
    public var backendPID: Int32 {
        thread.sync { self.closed ? 0 : PQbackendPID(self.pg) }
    }

    public func close() {
        thread.sync { self.closeNow() }
    }

    /// Closes from the connection's own thread.
    func closeNow() {
        if !closed {
            closed = true
            PQfinish(pg)
        }
    }

    /// Rolls back an open transaction, on the connection's thread; false if that failed.
    func rollbackNow() -> Bool {
        guard let result = PQexec(pg, "ROLLBACK") else { return false }
        defer { PQclear(result) }
        return PQresultStatus(result) == PGRES_COMMAND_OK && currentTransactionStatus() == .idle
    }

    // MARK: COPY

    /// Streams rows into `COPY … FROM STDIN`. `produce` writes the COPY payload (text or CSV
    /// format, as the statement says) through the writer; the count of rows copied is returned.
    /// If `produce` throws, the COPY is abandoned on the server and nothing is copied.
    public func copyIn(
        _ statement: Query,
        _ produce: (CopyInWriter) async throws -> Void
    ) async throws -> Int {
        let sql = statement.sql
        let binds = statement.binds
        try await onQueue {
            try self.withParameters(binds) { values, lengths, formats in
                let types = binds.map { Oid($0.type.rawValue) }
                guard let result = PQexecParams(self.pg, sql, Int32(binds.count), types, values, lengths, formats, 0)
                else { throw self.connectionError() }
                defer { PQclear(result) }
                try self.check(result)
                guard PQresultStatus(result) == PGRES_COPY_IN else {
                    throw PostgresError.copyFailed("the statement is not a COPY … FROM STDIN")
                }
            }
        }
        let writer = CopyInWriter(connection: self)
        do {
            try await produce(writer)
            try await writer.flush()
        } catch {
            let reason = "\(error)"
            _ = try? await onQueue { try self.finishCopy(abortReason: reason) }
            throw error
        }
        return try await onQueue { try self.finishCopy(abortReason: nil) }
    }

    func sendCopyData(_ bytes: [UInt8]) async throws {
        try await onQueue {
            let status = bytes.withUnsafeBufferPointer { buffer in
                buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    PQputCopyData(self.pg, $0, Int32(buffer.count))
                }
            }
            if status != 1 { throw PostgresError.copyFailed(String(cString: PQerrorMessage(self.pg)).oneLine) }
        }
    }

    private func finishCopy(abortReason: String?) throws -> Int {
        if PQputCopyEnd(pg, abortReason) != 1 {
            throw PostgresError.copyFailed(String(cString: PQerrorMessage(pg)).oneLine)
        }
        var copied = 0
        var failure: PostgresError?
        while let result = PQgetResult(pg) {
            defer { PQclear(result) }
            if PQresultStatus(result) == PGRES_COMMAND_OK {
                copied = Int(String(cString: PQcmdTuples(result))) ?? 0
            } else if failure == nil {
                do { try check(result) } catch let error as PostgresError { failure = error }
            }
        }
        if let failure { throw failure }
        return copied
    }
}
