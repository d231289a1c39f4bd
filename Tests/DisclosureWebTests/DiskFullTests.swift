import DisclosureStore
import DisclosureWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LibPQ
import Logging
import PostgresTestSupport
import Testing

/// Issue 16: the database's disk full. A write is refused with a clear message, nothing of it is
/// saved, and writes succeed again once there is room, without restarting anything. The
/// database lives in a tablespace on a small tmpfs (its WAL stays on the ordinary disk, as an
/// operator would keep it, so that the server itself keeps running).
@Suite(.enabled(if: SmallDisk.canMount, "needs to mount a small tmpfs (root, and a machine that allows mounts); this one does not"))
struct DiskFullTests {
    @Test func aFullDiskRefusesTheWriteSavesNothingAndRecoversWhenSpaceReturns() async throws {
        let space = try TestPostgres.scratchPath("disk-full")
        try FileManager.default.createDirectory(atPath: space, withIntermediateDirectories: true)
        try ChildProcess.run("/bin/mount", ["-t", "tmpfs", "-o", "size=96m", "tmpfs", space])
        defer { _ = try? ChildProcess.run("/bin/umount", ["-l", space]) }
        try ChildProcess.run("/bin/chown", ["postgres", space])
        let cluster = try TestPostgres.privateCluster("disk-full")
        try await cluster.start()
        defer { try? cluster.removeNow() }
        let admin = try await Connection.connect(cluster.connectionConfiguration())
        try await admin.executeScript("CREATE TABLESPACE small LOCATION '\(space)'")
        try await admin.execute("CREATE DATABASE small TABLESPACE small")
        admin.close()
        let owner = ConnectionPool(.init(connection: cluster.connectionConfiguration(database: "small"), size: 1))
        try await Migrator(directory: CasesAPITests.schema).migrate(owner)
        let directory = try await DemoDirectory.seed(owner)
        let housing = directory.agencies.first { $0.code == "szq-zjj" }!
        let token = try await AccountStore(pool: owner).createAPIToken(for: directory.officers(of: housing.id)[0], name: "disk")
        let pool = ConnectionPool(.init(connection: cluster.connectionConfiguration(database: "small").as(user: DatabaseTarget.serviceRole), size: 2))
        let app = try await buildApplication(pool: pool, configuration: .init(port: 0), metrics: metricsRegistry, logger: quietLogger)
        let body = ByteBuffer(string: """
            {"agencyID": \(housing.id), "channel": "in_person", "arrivedOn": "2024-09-02", "registeredOn": "2024-09-02",
             "subject": "申请公开征收补偿方案", "description": "请提供", "applicant": {"kind": "natural_person", "name": "张三", "phone": "13800138000"}}
            """)
        let headers: HTTPFields = [.authorization: "Bearer " + token, .contentType: "application/json"]
        let counts: Query = "SELECT (SELECT count(*) FROM cases) + (SELECT count(*) FROM applicants) + (SELECT count(*) FROM case_events)"

        // Fill what is left of the disk.
        let filler = space + "/filler"
        _ = try? ChildProcess.run("/bin/dd", ["if=/dev/zero", "of=\(filler)", "bs=1M"])
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/v1/cases", method: .post, headers: headers, body: body) { response in
                #expect(response.status == .serviceUnavailable)
                let text = String(buffer: response.body)
                #expect(text.contains("\"code\":\"database_full\""), "\(text)")
                #expect(text.contains("磁盘空间"))
            }
            #expect(try await owner.query(counts).single().decode(Int.self, at: 0) == 0)
            // Room again: the same request is written, without a restart.
            try FileManager.default.removeItem(atPath: filler)
            try await client.execute(uri: "/api/v1/cases", method: .post, headers: headers, body: body) { response in
                #expect(response.status == .created, "\(String(buffer: response.body))")
            }
            #expect(try await owner.query(counts).single().decode(Int.self, at: 0) == 3)
        }
        await owner.close()
    }
}

/// Whether this machine lets the tests mount a small tmpfs.
enum SmallDisk {
    static let canMount: Bool = {
        guard getuid() == 0, let folder = try? TestPostgres.scratchPath("mount-probe") else { return false }
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        guard (try? ChildProcess.run("/bin/mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", folder])) != nil else { return false }
        return (try? ChildProcess.run("/bin/umount", [folder])) != nil
    }()
}
