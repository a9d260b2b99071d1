import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { RouterLink } from '@angular/router';
import { TranslocoDirective } from '@jsverse/transloco';

/** A section whose data pipeline has not landed yet: says so plainly, shows no invented number. */
@Component({
  selector: 'vg-upcoming-page',
  imports: [MatCardModule, TranslocoDirective, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ng-container *transloco="let t">
      <h1>{{ t('nav.' + section()) }}</h1>
      <mat-card>
        <mat-card-content>
          <p>{{ t('upcoming.' + section()) }}</p>
          <p>{{ t('upcoming.meanwhile') }} <a routerLink="/carte">{{ t('nav.carte') }}</a>.</p>
        </mat-card-content>
      </mat-card>
    </ng-container>
  `,
  styles: `:host { display: block; padding: 16px 24px; } h1 { font-weight: 500; font-size: 1.6rem; }`,
})
export class UpcomingPage {
  readonly section = input<string>('ensemble');
}
