package dev.modbustoolkit.fault;

import java.util.Objects;

/**
 * One fault in plain data form: what a fault file is read into and what {@link FaultPipeline#add} takes.
 *
 * @param id unique within a pipeline; also seeds the fault's random streams, so renaming a fault changes them
 * @param action what goes wrong
 * @param trigger when (all conditions AND-ed)
 * @param scope where the trigger's counters live
 */
public record FaultSpec(String id, ActionSpec action, TriggerSpec trigger, Scope scope) {

  /** Validates, including that connection-level actions have a trigger they can be evaluated with. */
  public FaultSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(trigger, "trigger");
    Objects.requireNonNull(scope, "scope");
    if (id.isBlank() || id.length() > 128) {
      throw new IllegalArgumentException("id must be 1..128 characters and not blank");
    }
    if (action instanceof ActionSpec.ConnectionLimit || action instanceof ActionSpec.IdleClose) {
      String what = action instanceof ActionSpec.ConnectionLimit ? "connection-limit" : "idle-close";
      if (trigger.hasRequestFilters()) {
        throw new IllegalArgumentException(
            "trigger: "
                + what
                + " is evaluated per connection, before any request: unitIds, functionCodes and addresses"
                + " cannot apply");
      }
      if (scope != Scope.SERVER) {
        throw new IllegalArgumentException("scope: " + what + " needs scope server");
      }
    }
  }

  /**
   * {@return a fault that always fires, scope server}
   *
   * @param id the fault's id
   * @param action the action
   */
  public static FaultSpec of(String id, ActionSpec action) {
    return new FaultSpec(id, action, TriggerSpec.ALWAYS, Scope.SERVER);
  }

  /**
   * {@return a fault with a trigger, scope server}
   *
   * @param id the fault's id
   * @param action the action
   * @param trigger the trigger
   */
  public static FaultSpec of(String id, ActionSpec action, TriggerSpec trigger) {
    return new FaultSpec(id, action, trigger, Scope.SERVER);
  }
}
