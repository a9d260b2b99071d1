import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { TranslocoDirective } from '@jsverse/transloco';

@Component({
  selector: 'vg-about-page',
  imports: [MatCardModule, TranslocoDirective],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ng-container *transloco="let t">
      <h1>{{ t('about.title') }}</h1>
      <mat-card>
        <mat-card-content>
          <p>{{ t('about.what') }}</p>
          <h2>{{ t('about.sources') }}</h2>
          <p data-testid="attribution">
            Contours : IGN – ADMIN EXPRESS COG 2018 (via gregoiredavid/france-geojson), Licence Ouverte ; codes, populations, EPCI : INSEE /
            DGCL via &#64;etalab/decoupage-administratif 6.0.0, Licence Ouverte.
          </p>
          <p>{{ t('about.taxonomy') }}</p>
        </mat-card-content>
      </mat-card>
    </ng-container>
  `,
  styles: `
    :host {
      display: block;
      padding: 16px 24px;
      max-width: 900px;
    }
    h1 {
      font-weight: 500;
      font-size: 1.6rem;
    }
  `,
})
export class AboutPage {}
