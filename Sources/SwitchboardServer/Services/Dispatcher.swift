import Foundation
import Logging
import ServiceLifecycle
import SwitchboardCore
import SwitchboardStorage

/// Gives waiting cases to free agents: at once when something may have made room or work (a new
/// case, a solved one, an agent coming online — callers `ring`), and every few seconds anyway,
/// which also moves long-waiting cases to their overflow team and makes idle agents away. Rings
/// while a dispatch runs are kept as one more run, so a burst of new cases costs a few
/// dispatches, not one each. Every node runs one; the store makes them take turns.
final class Dispatcher: Service, Sendable {
    let store: any Store
    let routing: RoutingRules
    let clock: any WallClock
    let bus: any EventBus
    let storeReady: Gate
    let logger: Logger
    /// An online agent who did nothing for this long becomes away; nil keeps them online.
    let autoAway: TimeInterval?
    private let doorbell = Doorbell()
    static let interval: Duration = .seconds(5)

    init(store: any Store, routing: RoutingRules, clock: any WallClock, bus: any EventBus, storeReady: Gate, logger: Logger, autoAway: TimeInterval?) {
        self.store = store
        self.routing = routing
        self.clock = clock
        self.bus = bus
        self.storeReady = storeReady
        self.logger = logger
        self.autoAway = autoAway
    }

    func ring() { doorbell.ring() }

    func run() async throws {
        guard (try? await cancelWhenGracefulShutdown({ try await self.storeReady.wait() })) != nil else { return }
        await withGracefulShutdownHandler {
            while !doorbell.isClosed {
                do {
                    if let autoAway, !(try await store.markIdleAgentsAway(inactiveSince: clock.now().addingTimeInterval(-autoAway))).isEmpty {
                        bus.announce(.directoryChanged)
                    }
                    _ = try await dispatchNow()
                } catch {
                    logger.warning("dispatch failed; trying again shortly", metadata: ["error": "\(error)"])
                }
                await doorbell.sleep(upTo: Self.interval)
            }
        } onGracefulShutdown: {
            self.doorbell.close()
        }
    }

    /// One dispatch now: overflow, then assignments; the bus hears of what changed.
    @discardableResult
    func dispatchNow() async throws -> DispatchOutcome {
        let (settings, _) = try await routing.settings.current()
        let outcome = try await store.dispatch(at: clock.now(), overflow: settings.overflow)
        if outcome.changedAnything { bus.announce(.logAdvanced) }
        return outcome
    }
}
