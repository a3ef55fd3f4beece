import SwitchboardStorage
import SwitchboardTestSupport
import Testing

@Suite("Storage contract")
struct StoreContractTests {
    @Test("SQLite", arguments: StoreContract.cases)
    func sqlite(_ contract: ContractCase) async throws {
        TestStores.postgresSkipNotice
        try await TestStores.withSQLite { store in try await contract.run(store) }
    }

    @Test("PostgreSQL", .enabled(if: TestStores.postgresURL != nil, "set SWITCHBOARD_TEST_POSTGRES_URL to run"), arguments: StoreContract.cases)
    func postgres(_ contract: ContractCase) async throws {
        try await TestStores.withPostgres { store in try await contract.run(store) }
    }
}
