// Builds paxos-trace/1 documents by hand for checker tests: each call appends one event with the next seq.
import type { Ballot } from '../../src/paxos/core/ballot.ts';
import type { NodeInfo, Value } from '../../src/paxos/core/ids.ts';
import type { AcceptedEntry, Message, MessageBody } from '../../src/paxos/core/message.ts';
import type { ProtocolName, Quorums, TraceDocument, TraceEvent } from '../../src/paxos/core/trace.ts';

export const bal = (round: number, node: string, fast = false): Ballot => (fast ? { round, node, fast: true } : { round, node });
export const entry = (ballot: Ballot, value: Value, slot = 0): AcceptedEntry => ({ slot, ballot, value });

export class TraceBuilder {
  readonly events: TraceEvent[] = [];
  private id = 0;
  private time = 0;
  readonly nodes: NodeInfo[];
  readonly quorums: Quorums;
  readonly protocol: ProtocolName;
  constructor(
    nodes: NodeInfo[] = [
      { id: 'P1', roles: ['proposer', 'learner'] },
      { id: 'P2', roles: ['proposer', 'learner'] },
      { id: 'A1', roles: ['acceptor'] },
      { id: 'A2', roles: ['acceptor'] },
      { id: 'A3', roles: ['acceptor'] },
    ],
    quorums: Quorums = { classic: 2 },
    protocol: ProtocolName = 'basic',
  ) {
    this.nodes = nodes;
    this.quorums = quorums;
    this.protocol = protocol;
  }

  private push(e: Record<string, unknown>): void {
    this.events.push({ seq: this.events.length, time: this.time++, ...e } as TraceEvent);
  }
  propose(node: string, value: Value): this {
    this.push({ type: 'propose', node, value });
    return this;
  }
  /** Sends one message; returns it so the test can deliver it. */
  send(from: string, to: string, body: MessageBody): Message {
    const msg = { id: this.id++, from, to, ...body } as Message;
    this.push({ type: 'send', msg });
    return msg;
  }
  deliver(msg: Message): this {
    this.push({ type: 'deliver', msg });
    return this;
  }
  /** send + deliver. */
  post(from: string, to: string, body: MessageBody): Message {
    const m = this.send(from, to, body);
    this.deliver(m);
    return m;
  }
  chosen(node: string, value: Value, slot = 0): this {
    this.push({ type: 'chosen', node, slot, value });
    return this;
  }
  crash(node: string): this {
    this.push({ type: 'crash', node });
    return this;
  }
  doc(): TraceDocument {
    return { format: 'paxos-trace/1', protocol: this.protocol, config: { seed: 0 }, quorums: this.quorums, nodes: this.nodes, events: this.events };
  }

  // Shorthands for a whole Basic Paxos phase (deliveries included).
  phase1(p: string, b: Ballot, acceptors: string[], reports: Record<string, AcceptedEntry[]> = {}): this {
    for (const a of acceptors) this.post(p, a, { kind: 'prepare', ballot: b, slot: 0 });
    for (const a of acceptors) this.post(a, p, { kind: 'promise', ballot: b, slot: 0, accepted: reports[a] ?? [] });
    return this;
  }
  phase2(p: string, b: Ballot, value: Value, acceptors: string[], learners: string[] = ['P1']): this {
    for (const a of acceptors) this.post(p, a, { kind: 'accept', ballot: b, slot: 0, value });
    for (const a of acceptors) for (const l of learners) this.post(a, l, { kind: 'accepted', ballot: b, slot: 0, value });
    return this;
  }
}
