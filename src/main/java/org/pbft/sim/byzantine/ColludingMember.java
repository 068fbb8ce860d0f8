package org.pbft.sim.byzantine;

import java.util.ArrayList;
import java.util.List;
import org.pbft.core.Effect;
import org.pbft.core.message.Commit;
import org.pbft.core.message.Message;
import org.pbft.core.message.PrePrepare;
import org.pbft.core.message.Prepare;
import org.pbft.core.message.PreparedCertificate;
import org.pbft.core.message.ViewChange;

/**
 * What every member of a {@link Collusion} does with its correct replica's output: votes on an
 * equivocated slot go to each part for that part's version, and VIEW-CHANGEs are written for each
 * recipient, claiming the versions its part received.
 */
abstract class ColludingMember implements Strategy {
  final Collusion plan;

  ColludingMember(Collusion plan) {
    this.plan = plan;
  }

  @Override
  public String name() {
    return "collude";
  }

  /** The correct replica's effects with the coalition's votes and VIEW-CHANGEs in their place. */
  final void rewrite(Adversary a, List<Effect> effects, List<Effect> out) {
    for (Effect e : effects) {
      Message m = e instanceof Effect.Broadcast b ? b.message()
          : e instanceof Effect.Send s ? s.message() : null;
      if (m instanceof Prepare p && plan.at(p.view(), p.seq()) != null) {
        continue; // this member votes for each version toward its own part instead
      }
      if (m instanceof Commit c && plan.at(c.view(), c.seq()) != null) {
        continue;
      }
      if (m instanceof ViewChange vc && e instanceof Effect.Broadcast) {
        for (int q : a.others()) {
          out.add(new Effect.Send(q, viewChangeFor(a, vc, q)));
        }
        continue;
      }
      out.add(e);
    }
  }

  /** PREPARE (backers only: the primary does not prepare) and COMMIT for each version. */
  final void back(Adversary a, Collusion.Split split, boolean prepare, List<Effect> out) {
    for (int q : a.others()) {
      if (plan.isMember(q)) {
        continue;
      }
      PrePrepare pp = split.versionFor(q);
      if (prepare) {
        out.add(new Effect.Send(q, new Prepare(pp.view(), pp.seq(), pp.digest(), a.id())));
      }
      out.add(new Effect.Send(q, new Commit(pp.view(), pp.seq(), pp.digest(), a.id())));
    }
  }

  /**
   * {@code vc} as told to replica {@code q}: at each equivocated slot above its checkpoint, a
   * certificate for the version q's part received, with every PREPARE for it this member saw or
   * the coalition made, in place of whatever the correct replica prepared there.
   */
  private ViewChange viewChangeFor(Adversary a, ViewChange vc, int q) {
    List<PreparedCertificate> certs = new ArrayList<>();
    for (PreparedCertificate c : vc.preparedCertificates()) {
      if (plan.at(c.view(), c.seq()) == null) {
        certs.add(c);
      }
    }
    for (Collusion.Split split : plan.all()) {
      PrePrepare pp = split.versionFor(q);
      if (pp.seq() > vc.stableSeq() && pp.view() < vc.newView()
          && certs.stream().noneMatch(c -> c.seq() == pp.seq())) {
        certs.add(new PreparedCertificate(pp, preparesFor(a, pp)));
      }
    }
    return new ViewChange(vc.newView(), vc.stableSeq(), vc.stateDigest(), vc.checkpointProof(),
        certs, vc.replica());
  }

  private List<Prepare> preparesFor(Adversary a, PrePrepare pp) {
    List<Prepare> prepares = new ArrayList<>();
    int primary = a.config().primary(pp.view());
    for (Prepare p : a.receivedOf(Prepare.class)) {
      if (p.view() == pp.view() && p.seq() == pp.seq() && p.digest().equals(pp.digest())
          && p.replica() != primary
          && prepares.stream().noneMatch(x -> x.replica() == p.replica())) {
        prepares.add(p);
      }
    }
    for (int member = 0; member < a.config().n(); member++) {
      int m = member;
      if (plan.isMember(m) && m != primary
          && prepares.stream().noneMatch(x -> x.replica() == m)) {
        prepares.add(new Prepare(pp.view(), pp.seq(), pp.digest(), m));
      }
    }
    return prepares;
  }
}
