package dev.modbustoolkit.client;

/**
 * Every behaviour of {@link ClientBehaviourIT} (late answers, cancels, deadlines, retries, dead units, dropped and
 * reopened connections, protocol errors) again with the clients read on the shared event loop.
 */
class ClientBehaviourOnEventLoopIT extends ClientBehaviourIT {
  @Override
  boolean eventLoop() {
    return true;
  }
}
