/**
 * Test kit of the toolkit: what tests across modules share.
 *
 * <ul>
 *   <li>{@link dev.modbustoolkit.testkit.InMemoryLink}: a {@link dev.modbustoolkit.transport.FrameCodec} and an
 *       {@link dev.modbustoolkit.transport.Exchange} driven the way a stream transport drives them, fed whole, one
 *       byte at a time or in any chunking ({@link dev.modbustoolkit.testkit.Feeding}), recording what it sends.
 *   <li>{@link dev.modbustoolkit.testkit.Hex}, {@link dev.modbustoolkit.testkit.Checksums} (a bit-by-bit CRC-16 and
 *       LRC, independent of the production tables) and {@link dev.modbustoolkit.testkit.Frames}: expected bytes
 *       that do not come from the encoders under test.
 *   <li>{@link dev.modbustoolkit.testkit.Tools}: external tools found on the PATH, skipped visibly when missing
 *       (failed under {@code CI=true}), run with a timeout; {@link dev.modbustoolkit.testkit.PtyPair}: two
 *       connected pseudo-terminals made by socat; {@link dev.modbustoolkit.testkit.BoundedInput}: reads of a pty or a
 *       pipe that cannot hang a test; {@link dev.modbustoolkit.testkit.PeerSteps}: how many steps of an interop
 *       suite ran against the real peer, printed after the suite.
 * </ul>
 */
@NullMarked
package dev.modbustoolkit.testkit;

import org.jspecify.annotations.NullMarked;
