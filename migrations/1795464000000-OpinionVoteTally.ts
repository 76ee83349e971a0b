import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * DOMAIN rule 7: the committee's opinion agrees with the sitting members' votes; the
 * tally that allowed it (pour / contre / abstention, the chair's casting vote) is kept
 * with the opinion. Opinions recorded before have none (null).
 */
export class OpinionVoteTally1795464000000 implements MigrationInterface {
  name = 'OpinionVoteTally1795464000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "committee_opinion" ADD "vote_tally" jsonb`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "committee_opinion" DROP COLUMN "vote_tally"`);
  }
}
