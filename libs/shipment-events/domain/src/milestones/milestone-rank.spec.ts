import { decideMilestoneStep, milestoneRank, type MilestonePosition } from './milestone-rank';
import { trackerMilestone, warehouseStageMilestone } from './source-status.mapping';

const at = (milestone: MilestonePosition['milestone'], progressRank = milestone ? milestoneRank(milestone) : 0): MilestonePosition => ({
  milestone,
  progressRank,
});

describe('decideMilestoneStep: milestones never regress', () => {
  it('applies the normal progression', () => {
    expect(decideMilestoneStep(at(null), 'PACKED')).toEqual({ outcome: 'APPLIED', position: at('PACKED') });
    expect(decideMilestoneStep(at('PACKED'), 'SHIPPED').outcome).toBe('APPLIED');
    expect(decideMilestoneStep(at('SHIPPED'), 'DELIVERED').outcome).toBe('APPLIED');
  });

  it('keeps a late "in transit" after "delivered" in history only', () => {
    expect(decideMilestoneStep(at('DELIVERED'), 'IN_TRANSIT')).toEqual({ outcome: 'MILESTONE_REGRESSION', position: at('DELIVERED') });
    expect(decideMilestoneStep(at('OUT_FOR_DELIVERY'), 'IN_TRANSIT').outcome).toBe('MILESTONE_REGRESSION');
    expect(decideMilestoneStep(at('IN_TRANSIT'), 'SHIPPED').outcome).toBe('MILESTONE_REGRESSION');
  });

  it('calls the same milestone again a repeat', () => {
    expect(decideMilestoneStep(at('IN_TRANSIT'), 'IN_TRANSIT').outcome).toBe('REPEATED');
  });

  it('takes side branches from any non-terminal milestone and keeps the progress reached', () => {
    expect(decideMilestoneStep(at('OUT_FOR_DELIVERY'), 'DELIVERY_FAILED')).toEqual({
      outcome: 'APPLIED',
      position: at('DELIVERY_FAILED', milestoneRank('OUT_FOR_DELIVERY')),
    });
    expect(decideMilestoneStep(at('IN_TRANSIT'), 'EXCEPTION').outcome).toBe('APPLIED');
    expect(decideMilestoneStep(at('EXCEPTION', milestoneRank('IN_TRANSIT')), 'DELIVERY_FAILED').outcome).toBe('APPLIED');
    expect(decideMilestoneStep(at('DELIVERED'), 'DELIVERY_FAILED').outcome).toBe('MILESTONE_REGRESSION');
  });

  it('applies the recovery after a failed attempt: out for delivery again, then delivered', () => {
    const failed = at('DELIVERY_FAILED', milestoneRank('OUT_FOR_DELIVERY'));
    expect(decideMilestoneStep(failed, 'OUT_FOR_DELIVERY').outcome).toBe('APPLIED');
    expect(decideMilestoneStep(failed, 'DELIVERED').outcome).toBe('APPLIED');
    expect(decideMilestoneStep(failed, 'IN_TRANSIT').outcome).toBe('MILESTONE_REGRESSION');
  });

  it('ends the package at RETURNED_TO_SENDER', () => {
    expect(decideMilestoneStep(at('DELIVERY_FAILED', 6), 'RETURNED_TO_SENDER').outcome).toBe('APPLIED');
    expect(decideMilestoneStep(at('RETURNED_TO_SENDER', 6), 'DELIVERED').outcome).toBe('MILESTONE_REGRESSION');
  });

  it('never applies UNKNOWN', () => {
    expect(decideMilestoneStep(at(null), 'UNKNOWN').outcome).toBe('MILESTONE_REGRESSION');
  });
});

describe('source statuses', () => {
  it('maps EasyPost tracker statuses to milestones; unknown moves nothing', () => {
    expect(trackerMilestone('PRE_TRANSIT')).toBe('LABEL_CREATED');
    expect(trackerMilestone('FAILURE')).toBe('DELIVERY_FAILED');
    expect(trackerMilestone('RETURN_TO_SENDER')).toBe('RETURNED_TO_SENDER');
    expect(trackerMilestone('ERROR')).toBe('EXCEPTION');
    expect(trackerMilestone('UNKNOWN')).toBeNull();
  });

  it('maps warehouse stages to milestones', () => {
    expect(warehouseStageMilestone('SHIPPED')).toBe('SHIPPED');
    expect(warehouseStageMilestone('UNKNOWN')).toBeNull();
  });
});
