import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { ArgoCdApplication, FluxKustomization, GitSourceProps } from './objects';
import { chartArgs } from '../core/construct-args';

export interface GitOpsChartProps extends GitSourceProps {
  /** Which controller deploys the folder. */
  readonly engine: 'argocd' | 'flux';
}

/** The GitOps object(s) that deploy one cluster's folder; applied once by hand, then self-updating. */
export class GitOpsChart extends Chart {
  constructor(scope: Construct, id: string, props: GitOpsChartProps) {
    super(...chartArgs(scope, id, 'GitOpsChart'));
    if (props.engine === 'argocd') new ArgoCdApplication(this, 'Application', props);
    else new FluxKustomization(this, 'Flux', props);
  }
}
